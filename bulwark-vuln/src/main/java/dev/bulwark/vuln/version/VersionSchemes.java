package dev.bulwark.vuln.version;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schemes, by their own name and by OSV ecosystem, so a matcher picks the comparator a record's ecosystem needs.
 *
 * <p>Ecosystems are OSV's names; a release suffix ({@code Debian:12}, {@code Alpine:v3.20}, {@code Ubuntu:22.04:LTS})
 * is ignored, and case does not matter. Packagist (Composer) and ecosystems with their own rules not modelled here
 * ({@code Hackage}, {@code Pub}, {@code Hex}, {@code CRAN}, {@code SwiftURL}, {@code GIT} ranges) have none.
 */
public final class VersionSchemes {
  private VersionSchemes() {}

  public static final VersionScheme DPKG = Dpkg.INSTANCE;
  public static final VersionScheme APK = Apk.INSTANCE;
  public static final VersionScheme RPM = Rpm.INSTANCE;
  public static final VersionScheme PEP440 = Pep440.INSTANCE;
  public static final NpmSemver NPM = NpmSemver.STRICT;
  public static final VersionScheme MAVEN = MavenVersion.INSTANCE;
  public static final VersionScheme GO = GoSemver.STRICT;
  public static final VersionScheme RUBYGEMS = RubyGems.INSTANCE;
  public static final VersionScheme NUGET = NuGet.INSTANCE;
  public static final VersionScheme SEMVER = SemVer2.INSTANCE;

  private static final List<VersionScheme> ALL =
      List.of(DPKG, APK, RPM, PEP440, NPM, NpmSemver.LOOSE, MAVEN, GO, GoSemver.OSV, RUBYGEMS, NUGET, SEMVER);

  // OSV ecosystem (lower case, before any ':') -> scheme
  private static final Map<String, VersionScheme> ECOSYSTEMS = Map.ofEntries(
      Map.entry("debian", DPKG),
      Map.entry("ubuntu", DPKG),
      Map.entry("echo", DPKG),
      Map.entry("alpine", APK),
      Map.entry("wolfi", APK),
      Map.entry("chainguard", APK),
      Map.entry("alpaquita", APK),
      Map.entry("bellsoft hardened containers", APK),
      Map.entry("minimos", APK),
      Map.entry("red hat", RPM),
      Map.entry("rocky linux", RPM),
      Map.entry("almalinux", RPM),
      Map.entry("suse", RPM),
      Map.entry("opensuse", RPM),
      Map.entry("mageia", RPM),
      Map.entry("openeuler", RPM),
      Map.entry("mariner", RPM),
      Map.entry("azure linux", RPM),
      Map.entry("photon os", RPM),
      Map.entry("oracle linux", RPM),
      Map.entry("amazon linux", RPM),
      Map.entry("centos", RPM),
      Map.entry("fedora", RPM),
      Map.entry("pypi", PEP440),
      Map.entry("npm", NPM),
      Map.entry("go", GoSemver.OSV),
      Map.entry("maven", MAVEN),
      Map.entry("crates.io", SEMVER),
      Map.entry("rubygems", RUBYGEMS),
      Map.entry("nuget", NUGET));

  /** Every scheme, with the loose npm and the OSV Go flavours. */
  public static List<VersionScheme> all() {
    return ALL;
  }

  /** The scheme with this {@link VersionScheme#name()}. */
  public static Optional<VersionScheme> byName(String name) {
    for (VersionScheme s : ALL) {
      if (s.name().equals(name)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /** The scheme an OSV ecosystem's versions follow ({@code "Debian:12"} gives dpkg), if there is one. */
  public static Optional<VersionScheme> forEcosystem(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    String base = (colon >= 0 ? ecosystem.substring(0, colon) : ecosystem).strip().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(ECOSYSTEMS.get(base));
  }
}
