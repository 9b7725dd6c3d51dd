package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.Range;
import dev.bulwark.vuln.osv.RangeSchemes;
import dev.bulwark.vuln.version.InvalidVersionException;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.List;
import java.util.Optional;

/**
 * OSV's affected-version evaluation, exactly as the schema's pseudocode puts it, over events already sorted by the
 * importer. Pure.
 *
 * <p>A version is affected by an {@code affected[]} entry when some SEMVER or ECOSYSTEM range includes it or it is in
 * the explicit {@code versions[]} list (equal by the ecosystem's scheme, or by exact text when the scheme cannot read
 * it). A range includes {@code v} when {@code v} is below one of its {@code limit}s (if it has any) and, walking the
 * sorted events, the last one that applies is an {@code introduced} ≤ v: a {@code fixed} ≤ v or a
 * {@code last_affected} &lt; v turns it off again. GIT ranges name commits and are skipped.
 */
public final class Matcher {
  private Matcher() {}

  /** The verdict for one entry: affected (with the fix, if known), not affected, or not judgeable. */
  public record Verdict(boolean affected, String fixed, boolean unknown) {
    static final Verdict NOT = new Verdict(false, null, false);
    static final Verdict UNKNOWN = new Verdict(false, null, true);
  }

  /** Whether {@code version} of the entry's package is affected. */
  public static Verdict evaluate(Affected a, String version) {
    boolean unknown = false;
    for (Range r : a.ranges()) {
      if (r.type() == Range.Type.GIT) continue;
      Optional<VersionScheme> scheme = RangeSchemes.forRange(r.type(), a.ecosystem());
      if (scheme.isEmpty() || !scheme.get().isValid(version)) {
        unknown = true;
        continue;
      }
      try {
        if (!beforeLimits(r.events(), version, scheme.get())) continue;
        if (included(r.events(), version, scheme.get())) return new Verdict(true, nextFixed(r.events(), version, scheme.get()), false);
      } catch (InvalidVersionException e) {
        unknown = true; // an event the scheme rejects (only from a hand-made database file: the importer checks them)
      }
    }
    if (listed(a, version)) return new Verdict(true, null, false);
    return unknown ? Verdict.UNKNOWN : Verdict.NOT;
  }

  /**
   * The entry without the listed versions its ranges already include: they cannot change a verdict (a version equal
   * to one of them by the scheme is inside the same ranges), and osv.dev lists every version inside the ranges
   * (VersionsListOracleTest), hundreds for TensorFlow's records, whose comparison by scheme cost ~1 ms per candidate
   * at match time. The importer applies it once, so the database holds only the versions that add to the ranges.
   */
  public static Affected withoutRedundantVersions(Affected a) {
    if (a.versions().isEmpty()) return a;
    java.util.List<String> kept = new java.util.ArrayList<>();
    for (String v : a.versions()) {
      if (!insideRanges(a, v)) kept.add(v);
    }
    if (kept.size() == a.versions().size()) return a;
    return new Affected(a.ecosystem(), a.name(), a.purl(), a.ranges(), kept, a.note(), a.vendorSeverity(), a.imports());
  }

  private static boolean insideRanges(Affected a, String version) {
    for (Range r : a.ranges()) {
      if (r.type() == Range.Type.GIT) continue;
      Optional<VersionScheme> scheme = RangeSchemes.forRange(r.type(), a.ecosystem());
      if (scheme.isEmpty() || !scheme.get().isValid(version)) continue;
      try {
        if (beforeLimits(r.events(), version, scheme.get()) && included(r.events(), version, scheme.get())) return true;
      } catch (InvalidVersionException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean beforeLimits(List<Range.Event> events, String v, VersionScheme s) {
    boolean any = false;
    for (Range.Event e : events) {
      if (e.kind() != Range.Kind.LIMIT) continue;
      any = true;
      if (e.version().equals("*") || s.compare(v, e.version()) < 0) return true;
    }
    return !any;
  }

  private static boolean included(List<Range.Event> events, String v, VersionScheme s) {
    boolean vulnerable = false;
    for (Range.Event e : events) {
      switch (e.kind()) {
        case INTRODUCED:
          if (e.version().equals("0") || s.compare(v, e.version()) >= 0) vulnerable = true;
          break;
        case FIXED:
          if (s.compare(v, e.version()) >= 0) vulnerable = false;
          break;
        case LAST_AFFECTED:
          if (s.compare(v, e.version()) > 0) vulnerable = false;
          break;
        default:
          break;
      }
    }
    return vulnerable;
  }

  private static String nextFixed(List<Range.Event> events, String v, VersionScheme s) {
    for (Range.Event e : events) {
      if (e.kind() == Range.Kind.FIXED && s.compare(v, e.version()) < 0) return e.version();
    }
    return null;
  }

  private static boolean listed(Affected a, String version) {
    if (a.versions().isEmpty()) return false;
    if (a.versions().contains(version)) return true;
    Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(a.ecosystem());
    if (scheme.isEmpty() || !scheme.get().isValid(version)) return false;
    VersionScheme s = scheme.get();
    for (String listed : a.versions()) {
      try {
        if (s.compare(version, listed) == 0) return true;
      } catch (InvalidVersionException e) {
        // a listed version the scheme rejects can only match by exact text, checked above
      }
    }
    return false;
  }
}
