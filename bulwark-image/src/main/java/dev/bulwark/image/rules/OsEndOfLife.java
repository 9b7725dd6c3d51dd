package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.pkg.OsInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** BW-M011: Operating system past end of life. */
public final class OsEndOfLife extends ImageRule {
  public OsEndOfLife() {
    super("BW-M011", "Operating system past end of life", Severity.HIGH, Category.VULNERABILITIES,
        "The distribution release no longer gets security updates.", "Rebuild on a supported release.", List.of());
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    Optional<OsInfo> os = t.os();
    if (os.isEmpty() || os.get().versionId() == null) {
      return;
    }
    // os-release ID -> endoflife.date product
    String product = switch (os.get().id()) {
      case "alpine" -> "alpine-linux";
      case "debian", "ubuntu", "rhel", "centos", "fedora", "almalinux", "sles" -> os.get().id();
      case "rocky" -> "rocky-linux";
      case "amzn" -> "amazon-linux";
      case "opensuse-leap" -> "opensuse";
      default -> null;
    };
    if (product == null) {
      return;
    }
    EolCatalog.get().cycleOfRelease(product, os.get().versionId())
        .filter(c -> c.isEndOfLife(t.asOf()))
        .ifPresent(c -> report.accept(c.inLts(t.asOf())
            // regular support is over but free LTS security updates go on: a plan to move, not an emergency
            ? atReleaseFile(t, os.get().prettyName() + " left regular security support on " + c.eol() + "; Debian LTS updates continue until "
                + c.lts()).withSeverity(Severity.LOW)
            : atReleaseFile(t, os.get().prettyName() + " reached end of life"
                + (c.eol() == null ? "" : " on " + (c.lts() != null ? c.lts() + " (end of LTS)" : c.eol())))));
  }

  /** At the release file the OS is read from first (os-release, then the distribution's own). */
  private Finding atReleaseFile(ImageTarget t, String message) {
    for (String f : List.of("etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version")) {
      Optional<FileEntry> e = t.image().files().resolve(f);
      if (e.isPresent()) {
        return atFile(t, e.get(), message);
      }
    }
    return inConfig("os", message);
  }
}
