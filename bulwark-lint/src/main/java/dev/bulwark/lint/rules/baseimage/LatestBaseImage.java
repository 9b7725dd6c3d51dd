package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.regex.Pattern;
import java.util.function.Consumer;

/** A stage built FROM an image with {@code :latest} or no tag at all (which means latest). */
public final class LatestBaseImage extends DockerfileRule {
  public LatestBaseImage() {
    super(
        "BW-D002",
        "Base image uses :latest or no tag",
        Severity.HIGH,
        Category.SUPPLY_CHAIN,
        "`latest` moves: two builds of the same Dockerfile get different base images, a rebuild can pull in a new major"
            + " version or a compromised push, and nobody can say which OS packages (and CVEs) shipped.",
        "Pin a specific version tag (`alpine:3.23`), and for reproducible, tamper-evident builds also the digest"
            + " (`alpine:3.23@sha256:...`); let a bot such as Renovate or Dependabot move the pin.",
        List.of("DL3006", "DL3007", "DS001"),
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions");
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image");
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref == null || !ref.isLatestOrUntagged()) {
        continue;
      }
      String written = stage.from().image();
      String message = ref.tag() == null
          ? "FROM " + written + " has no tag, so it means " + ref.familiarName() + ":latest"
          : "FROM " + written + " follows the moving :latest tag";
      // redhat/ubi9-minimal, gcr.io/distroless/static-debian12: latest moves within one release, like alpine:3 (BW-D004)
      String release = releaseInName(ref.repository());
      Finding f = finding(release == null ? message : message + "; the repository's name fixes the release (" + release
          + "), so the tag moves only within it, like a major-version tag", stage.from().instruction().argSpan(0), stage);
      if (release != null) {
        f = f.withSeverity(Severity.LOW);
      }
      dev.bulwark.core.fix.Fix fix = TagPin.of(target, stage, ref);
      report.accept(fix == null ? f : f.withFix(fix));
    }
  }

  /** A distribution and its major release, as some repositories carry it in a name part: ubi9, debian12, el8. */
  private static final Pattern RELEASE_PART = Pattern.compile(
      "(?:ubi|debian|rhel|el|centos|alpine|ubuntu|fedora|rockylinux|almalinux|amazonlinux|azurelinux|sles|opensuse)\\d+(?:\\.\\d+)?");

  /** The part of the repository's path that names the release it follows (ubi9 in redhat/ubi9-minimal), or null. */
  static String releaseInName(String repository) {
    for (String part : repository.toLowerCase(java.util.Locale.ROOT).split("[/_-]")) {
      if (RELEASE_PART.matcher(part).matches()) {
        return part;
      }
    }
    return null;
  }
}
