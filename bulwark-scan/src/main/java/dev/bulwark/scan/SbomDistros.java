package dev.bulwark.scan;

import dev.bulwark.sbom.OperatingSystem;
import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.match.Distros;

/**
 * The distribution release of each OS package of an SBOM read from a file, as an advisory ecosystem
 * ({@code Debian:12}, {@code Alpine:v3.19}): from the purl's {@code distro} qualifier, which each package carries in
 * every tool's SBOM ({@code debian-12} from Syft and Bulwark, {@code debian-12.4} or a bare {@code 3.19.1} from Trivy,
 * whose OS is the purl's namespace), else from the document's operating-system component. Counts the packages it
 * could place in no release.
 */
final class SbomDistros {
  private final OperatingSystem os;
  private int unknown;

  SbomDistros(OperatingSystem os) {
    this.os = os;
  }

  /** How many packages {@link #ecosystem} found no release for. */
  int unknown() {
    return unknown;
  }

  /** The advisory ecosystem of an OS package, or null (counted) when its release is not known. */
  String ecosystem(Package p) {
    String eco = fromPurl(p);
    if (eco == null && os != null) {
      eco = Distros.ecosystem(os.id(), os.version(), null);
    }
    if (eco == null) unknown++;
    return eco;
  }

  static String fromPurl(Package p) {
    if (p.purl() == null || p.purl().getQualifiers() == null) return null;
    String q = p.purl().getQualifiers().get("distro");
    if (q == null || q.isBlank()) return null;
    String id = p.purl().getNamespace();
    String release = q;
    int dash = q.lastIndexOf('-');
    if (!Character.isDigit(q.charAt(0)) && dash > 0) {
      id = q.substring(0, dash);
      release = q.substring(dash + 1);
    } else if (!Character.isDigit(q.charAt(0))) {
      return Distros.ecosystem(id, null, q); // a codename alone (debian's "bookworm")
    }
    if (release.isEmpty()) return null;
    return Character.isDigit(release.charAt(0)) ? Distros.ecosystem(id, release, null) : Distros.ecosystem(id, null, release);
  }
}
