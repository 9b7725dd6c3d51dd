package dev.bulwark.vuln.version;

import java.util.List;

/**
 * Strict Semantic Versioning 2.0.0, as Cargo's {@code semver} crate parses it (crates.io) and OSV's {@code SEMVER}
 * ranges use: {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}, all three numbers required, no leading zeros, numbers up to
 * 2<sup>64</sup>-1, no {@code v} and no whitespace.
 *
 * <p>Precedence is SemVer's: numbers, then a pre-release before the release, identifiers numerically when both are
 * numbers, a number before a word, words in ASCII order, more identifiers after fewer. Build metadata does not count
 * (the crate breaks ties by it; a vulnerability range cannot, so this scheme does not).
 */
public final class SemVer2 implements VersionScheme {
  static final SemVer2 INSTANCE = new SemVer2();

  private SemVer2() {}

  /** The three numbers (without leading zeros by construction) and the pre-release identifiers. */
  record Parsed(String major, String minor, String patch, List<String> pre) {}

  @Override
  public String name() {
    return "semver";
  }

  @Override
  public boolean isValid(String version) {
    return parseOrNull(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    int c = Digits.compare(x.major, y.major);
    if (c == 0) c = Digits.compare(x.minor, y.minor);
    if (c == 0) c = Digits.compare(x.patch, y.patch);
    if (c != 0) return c;
    if (x.pre.isEmpty() || y.pre.isEmpty()) return Boolean.compare(x.pre.isEmpty(), y.pre.isEmpty());
    for (int i = 0; ; i++) {
      if (i == x.pre.size() || i == y.pre.size()) return Integer.compare(x.pre.size(), y.pre.size());
      c = NpmSemver.compareIdentifiers(x.pre.get(i), y.pre.get(i));
      if (c != 0) return c;
    }
  }

  static Parsed parse(String s) {
    Parsed p = parseOrNull(s);
    if (p == null) throw new InvalidVersionException("semver", s, "not a SemVer 2.0.0 version");
    return p;
  }

  static Parsed parseOrNull(String s) {
    int plus = s.indexOf('+');
    String head = plus >= 0 ? s.substring(0, plus) : s;
    if (plus >= 0 && !identifiers(s.substring(plus + 1), false)) return null;
    int dash = head.indexOf('-');
    String main = dash >= 0 ? head.substring(0, dash) : head;
    List<String> pre = List.of();
    if (dash >= 0) {
      String p = head.substring(dash + 1);
      if (!identifiers(p, true)) return null;
      pre = List.of(p.split("\\.", -1));
    }
    String[] nums = main.split("\\.", -1);
    if (nums.length != 3) return null;
    for (String n : nums) {
      if (!Digits.allDigits(n) || (n.length() > 1 && n.charAt(0) == '0') || !fitsU64(n)) return null;
    }
    return new Parsed(nums[0], nums[1], nums[2], pre);
  }

  private static boolean fitsU64(String n) {
    return n.length() < 20 || (n.length() == 20 && n.compareTo("18446744073709551615") <= 0);
  }

  private static boolean identifiers(String s, boolean prerelease) {
    for (String id : s.split("\\.", -1)) {
      if (id.isEmpty()) return false;
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if (!Digits.isAsciiAlnum(c) && c != '-') return false;
      }
      if (prerelease && id.length() > 1 && id.charAt(0) == '0' && Digits.allDigits(id)) return false;
    }
    return true;
  }
}
