package dev.bulwark.vuln.match;

import java.util.Locale;

/**
 * The advisory ecosystem of an image's operating system, from its os-release {@code ID} and {@code VERSION_ID}: the
 * release part is what the distribution's advisories are keyed by, never an upstream version range.
 *
 * <ul>
 *   <li>Debian by major version ({@code 12.5} is {@code Debian:12}); a release without a number (testing, sid) by its
 *       codename;
 *   <li>Ubuntu by release ({@code Ubuntu:22.04}; OSV's {@code :LTS} suffix is folded away by {@code PackageKeys});
 *   <li>Alpine by branch ({@code 3.20.3} is {@code Alpine:v3.20}; an {@code _alpha} edge snapshot is {@code edge}).
 * </ul>
 */
public final class Distros {
  private Distros() {}

  /** The ecosystem, or null for an OS whose advisories are not read here. */
  public static String ecosystem(String osId, String versionId, String codename) {
    if (osId == null) return null;
    String id = osId.toLowerCase(Locale.ROOT);
    switch (id) {
      case "debian": {
        if (versionId == null || versionId.isBlank()) return codename == null ? null : "Debian:" + codename;
        int dot = versionId.indexOf('.');
        return "Debian:" + (dot < 0 ? versionId : versionId.substring(0, dot));
      }
      case "ubuntu":
        return versionId == null ? null : "Ubuntu:" + versionId;
      case "alpine": {
        if (versionId == null) return null;
        if (versionId.contains("_alpha")) return "Alpine:edge";
        String[] parts = versionId.split("\\.");
        return parts.length >= 2 ? "Alpine:v" + parts[0] + "." + parts[1] : null;
      }
      default:
        return null;
    }
  }
}
