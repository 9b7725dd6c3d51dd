package dev.bulwark.vuln.db;

import java.util.Locale;

/**
 * How advisories and installed packages meet: the ecosystem with its release, and the name as the ecosystem's own
 * registry compares names.
 *
 * <p>Ecosystem: the base name case-insensitively ({@code pypi} is {@code PyPI}) and the release as written, except
 * that an Alpine release gets its {@code v} ({@code Alpine:3.20} is {@code Alpine:v3.20}, the way OSV writes it).
 * Ubuntu's {@code :LTS}/{@code :Pro…} suffixes are dropped ({@code Ubuntu:22.04:LTS} is {@code Ubuntu:22.04}, the
 * release an image's os-release names).
 *
 * <p>Name: PyPI by PEP 503 (lower case, runs of {@code -_.} to one {@code -}); NuGet and Packagist lower case (their
 * registries ignore case); everything else exact (npm, Go, Maven, crates.io, RubyGems are case-sensitive). Debian,
 * Ubuntu and Alpine advisories name the <em>source</em> package (origin): callers pass the source name, not the binary
 * one ({@code openssl}, not {@code libssl3}); this class does not map one to the other.
 */
public final class PackageKeys {
  private PackageKeys() {}

  /** The normalised ecosystem, {@code base[:release]} with the base lower-cased. */
  public static String ecosystem(String ecosystem) {
    String e = ecosystem.strip();
    int colon = e.indexOf(':');
    String base = (colon < 0 ? e : e.substring(0, colon)).toLowerCase(Locale.ROOT);
    if (colon < 0) return base;
    String release = e.substring(colon + 1);
    if (base.equals("alpine") && !release.isEmpty() && Character.isDigit(release.charAt(0))) release = "v" + release;
    if (base.equals("ubuntu") && release.indexOf(':') > 0) release = release.substring(0, release.indexOf(':'));
    return base + ":" + release;
  }

  /** The name as the ecosystem's registry compares it. */
  public static String name(String ecosystem, String name) {
    String base = ecosystem(ecosystem);
    int colon = base.indexOf(':');
    if (colon >= 0) base = base.substring(0, colon);
    switch (base) {
      case "pypi":
        return pep503(name);
      case "nuget":
      case "packagist":
        return name.toLowerCase(Locale.ROOT);
      default:
        return name;
    }
  }

  /** PEP 503: {@code re.sub(r"[-_.]+", "-", name).lower()}. */
  static String pep503(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean sep = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        sep = true;
        continue;
      }
      if (sep) b.append('-');
      sep = false;
      b.append(Character.toLowerCase(c));
    }
    if (sep) b.append('-');
    return b.toString();
  }

  /** The index key for one package. */
  static String key(String ecosystem, String name) {
    return ecosystem(ecosystem) + '\u0000' + name(ecosystem, name);
  }
}
