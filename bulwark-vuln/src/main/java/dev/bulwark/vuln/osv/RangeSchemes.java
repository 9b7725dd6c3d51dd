package dev.bulwark.vuln.osv;

import dev.bulwark.vuln.version.GoSemver;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.Comparator;
import java.util.Optional;

/** Which order a range's events follow, and that order over events. */
public final class RangeSchemes {
  private RangeSchemes() {}

  /**
   * The scheme for a range of this type in this ecosystem: ECOSYSTEM ranges use the ecosystem's own, SEMVER ranges
   * SemVer 2.0 (OSV's definition), except in Go, whose records write SEMVER events without the {@code v} its module
   * versions carry, so Go's order (which adds it) serves both. GIT ranges, and ECOSYSTEM ranges of an ecosystem with
   * no scheme here (Packagist, Hex, …), have none.
   */
  public static Optional<VersionScheme> forRange(Range.Type type, String ecosystem) {
    switch (type) {
      case SEMVER:
        return VersionSchemes.forEcosystem(ecosystem).filter(s -> s == GoSemver.OSV).or(() -> Optional.of(VersionSchemes.SEMVER));
      case ECOSYSTEM:
        return VersionSchemes.forEcosystem(ecosystem);
      default:
        return Optional.empty();
    }
  }

  /**
   * {@code introduced "0"} first, {@code limit "*"} last, the rest by the scheme; at one version, introduced last, so
   * that adjoining intervals ({@code fixed 3.1.1}, {@code introduced 3.1.1}) join rather than leave 3.1.1 out: that is
   * how osv.dev's own {@code versions[]} lists read such records (PYSEC-2022-236 lists pyspark 3.1.1 as affected).
   */
  static Comparator<Range.Event> eventOrder(VersionScheme scheme) {
    return (a, b) -> {
      int ra = rank(a);
      int rb = rank(b);
      if (ra != 1 || rb != 1) return Integer.compare(ra, rb);
      int c = scheme.compare(a.version(), b.version());
      if (c != 0) return c;
      return Boolean.compare(a.kind() == Range.Kind.INTRODUCED, b.kind() == Range.Kind.INTRODUCED);
    };
  }

  /** 0 for introduced "0", 2 for limit "*", 1 for an ordinary version. */
  static int rank(Range.Event e) {
    if (e.kind() == Range.Kind.INTRODUCED && e.version().equals("0")) return 0;
    if (e.kind() == Range.Kind.LIMIT && e.version().equals("*")) return 2;
    return 1;
  }
}
