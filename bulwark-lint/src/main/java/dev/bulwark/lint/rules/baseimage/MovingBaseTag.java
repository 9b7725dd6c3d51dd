package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-D004: a tag that names only a major version or a moving channel. */
public final class MovingBaseTag extends DockerfileRule {
  private static final Set<String> MOVING_TAGS = Set.of("lts", "stable", "current", "edge", "rolling", "mainline", "slim", "alpine",
      "latest-dev", "dev", "nightly", "testing", "unstable", "sid", "rawhide");

  private static final Pattern REVISION = Pattern.compile("-r\\d+$");

  private static final Pattern MAJOR_ONLY = Pattern.compile("^v?\\d+(?:-[a-z][a-z0-9.-]*)?$");

  public MovingBaseTag() {
    super("BW-D004", "Base image pinned only to a major version or moving tag", Severity.LOW, Category.SUPPLY_CHAIN,
        "`python:3`, `node:lts` or `debian:testing` move to new minor releases without notice: builds drift, and a"
            + " rebuild can change the runtime under the app.",
        "Pin a specific version (`python:3.12.8-slim-bookworm`) and, for reproducibility, its digest (`@sha256:…`).",
        List.of());
    inPurpose(Purpose.BASE, null, "");
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref == null || ref.digest() != null || ref.tag() == null || ref.tag().equals("latest")) {
        continue;
      }
      String tag = ref.tag();
      // a -rN suffix is a build revision (Bitnami's 7-r123, 1.27.3-debian-12-r5): published once, never moved
      if (MOVING_TAGS.contains(tag) || (MAJOR_ONLY.matcher(tag).matches() && !REVISION.matcher(tag).find())) {
        Finding f = finding("FROM " + stage.from().image() + " follows a moving tag (" + tag + ")", stage.from().instruction().argSpan(0), stage);
        dev.bulwark.core.fix.Fix fix = TagPin.of(target, stage, ref);
        report.accept(fix == null ? f : f.withFix(fix));
      }
    }
  }
}
