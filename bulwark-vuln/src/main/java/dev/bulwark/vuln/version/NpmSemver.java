package dev.bulwark.vuln.version;

import java.util.List;
import java.util.regex.Matcher;

/**
 * npm package versions, parsed and ordered as node-semver does; {@link NpmRange} holds its ranges.
 *
 * <p>{@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, at most 256 characters, numbers up to 2<sup>53</sup>-1,
 * surrounding whitespace and a leading {@code v} ignored. A version with a pre-release sorts before the same version
 * without; pre-release identifiers compare numerically when both are numbers, a number before a word, words as
 * strings (case-sensitive); build metadata never counts. The {@linkplain #LOOSE loose} flavour is node-semver's
 * {@code loose: true}: leading {@code =} and spaces, leading zeros, a pre-release without its {@code -}.
 */
public final class NpmSemver implements VersionScheme {
  /** node-semver's default parsing. */
  public static final NpmSemver STRICT = new NpmSemver(false);
  /** node-semver with {@code loose: true}. */
  public static final NpmSemver LOOSE = new NpmSemver(true);

  static final int MAX_LENGTH = 256;
  private static final long MAX_SAFE_INTEGER = 9007199254740991L;

  private final boolean loose;

  private NpmSemver(boolean loose) {
    this.loose = loose;
  }

  /** A parsed version: numbers without leading zeros, pre-release identifiers (numeric ones normalised). */
  record Parsed(long major, long minor, long patch, List<String> pre) {
    /** node-semver's {@code version}: the version without build metadata. */
    String format() {
      String main = major + "." + minor + "." + patch;
      return pre.isEmpty() ? main : main + "-" + String.join(".", pre);
    }
  }

  public boolean loose() {
    return loose;
  }

  @Override
  public String name() {
    return loose ? "npm:loose" : "npm";
  }

  @Override
  public int compare(String a, String b) {
    return compare(parse(a, loose), parse(b, loose));
  }

  @Override
  public boolean isValid(String version) {
    return parseOrNull(version, loose) != null;
  }

  /** Whether {@code version} satisfies the node-semver {@code range}; an invalid version or range satisfies nothing. */
  public boolean satisfies(String version, String range) {
    return satisfies(version, range, false);
  }

  /** As {@link #satisfies(String, String)}, with node-semver's {@code includePrerelease} option. */
  public boolean satisfies(String version, String range, boolean includePrerelease) {
    NpmRange r = NpmRange.parseOrNull(range, loose, includePrerelease);
    return r != null && r.test(version);
  }

  static Parsed parse(String s, boolean loose) {
    Parsed p = parseOrNull(s, loose);
    if (p == null) throw new InvalidVersionException(loose ? "npm:loose" : "npm", s, "not a semver version");
    return p;
  }

  static Parsed parseOrNull(String s, boolean loose) {
    if (s.length() > MAX_LENGTH) return null;
    Matcher m = (loose ? NpmGrammar.LOOSE : NpmGrammar.FULL).matcher(s.strip());
    if (!m.matches()) return null;
    long major = number(m.group(1));
    long minor = number(m.group(2));
    long patch = number(m.group(3));
    if (major < 0 || minor < 0 || patch < 0) return null;
    List<String> pre = List.of();
    if (m.group(4) != null) {
      String[] ids = m.group(4).split("\\.", -1);
      for (int i = 0; i < ids.length; i++) {
        // node-semver turns numeric identifiers into numbers (so "01" is 1) when they are safe integers
        if (Digits.allDigits(ids[i]) && number(ids[i]) >= 0 && number(ids[i]) < MAX_SAFE_INTEGER) ids[i] = Digits.strip(ids[i]);
      }
      pre = List.of(ids);
    }
    return new Parsed(major, minor, patch, pre);
  }

  /** The digit run as a number, or -1 past 2^53-1 (which node-semver rejects). */
  private static long number(String digits) {
    String d = Digits.strip(digits);
    if (d.length() > 16) return -1;
    long v = Long.parseLong(d);
    return v > MAX_SAFE_INTEGER ? -1 : v;
  }

  static int compare(Parsed a, Parsed b) {
    int c = Long.compare(a.major, b.major);
    if (c == 0) c = Long.compare(a.minor, b.minor);
    if (c == 0) c = Long.compare(a.patch, b.patch);
    if (c != 0) return c;
    if (a.pre.isEmpty() || b.pre.isEmpty()) return Boolean.compare(a.pre.isEmpty(), b.pre.isEmpty());
    for (int i = 0; ; i++) {
      if (i == a.pre.size() || i == b.pre.size()) return Integer.compare(a.pre.size(), b.pre.size());
      String x = a.pre.get(i);
      String y = b.pre.get(i);
      if (x.equals(y)) continue;
      return compareIdentifiers(x, y);
    }
  }

  static int compareIdentifiers(String x, String y) {
    boolean nx = Digits.allDigits(x);
    boolean ny = Digits.allDigits(y);
    if (nx && ny) return Digits.sign(Digits.compare(x, y));
    if (nx != ny) return nx ? -1 : 1;
    return Digits.sign(x.compareTo(y));
  }
}
