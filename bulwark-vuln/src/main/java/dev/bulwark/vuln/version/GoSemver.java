package dev.bulwark.vuln.version;

/**
 * Go module versions, ordered as {@code golang.org/x/mod/semver} does: {@code vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]}.
 *
 * <p>The {@code v} is required; {@code v1} and {@code v1.2} stand for {@code v1.0.0} and {@code v1.2.0} but take no
 * pre-release or build; numbers have no leading zeros, nor do numeric pre-release identifiers. Build metadata (so
 * {@code +incompatible}) does not count. Pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5},
 * {@code v1.2.4-0.20191109021931-daa7c04131f5}) are pre-releases and sort by their timestamp as Go intends. Like Go's
 * {@code Compare}, every string compares: invalid ones are equal to each other and older than every valid one.
 *
 * <p>{@link #OSV} is the same order for OSV's Go ecosystem, whose records write versions without the {@code v}: it
 * adds one when missing.
 */
public final class GoSemver implements VersionScheme {
  static final GoSemver STRICT = new GoSemver(false);
  /** For OSV records: a missing {@code v} is added before parsing. */
  public static final GoSemver OSV = new GoSemver(true);

  private final boolean addPrefix;

  private GoSemver(boolean addPrefix) {
    this.addPrefix = addPrefix;
  }

  /** A parsed version; {@code pre} keeps its leading {@code -} (empty when none). */
  record Parsed(String major, String minor, String patch, String pre) {}

  @Override
  public String name() {
    return addPrefix ? "go-osv" : "go-semver";
  }

  @Override
  public int compare(String a, String b) {
    Parsed pa = parse(prefixed(a));
    Parsed pb = parse(prefixed(b));
    if (pa == null || pb == null) {
      if (pa == pb) return 0;
      return pa == null ? -1 : 1;
    }
    int c = Digits.compare(pa.major, pb.major);
    if (c == 0) c = Digits.compare(pa.minor, pb.minor);
    if (c == 0) c = Digits.compare(pa.patch, pb.patch);
    if (c != 0) return c;
    return comparePrerelease(pa.pre, pb.pre);
  }

  @Override
  public boolean isValid(String version) {
    return parse(prefixed(version)) != null;
  }

  /** Whether {@code version} is a valid pseudo-version (a pre-release ending in a 14-digit timestamp and a 12-hex-digit revision). */
  public static boolean isPseudoVersion(String version) {
    Parsed p = parse(version);
    if (p == null || p.pre.isEmpty()) return false;
    String pre = p.pre;
    int dash = pre.lastIndexOf('-');
    if (dash <= 0) return false;
    String rev = pre.substring(dash + 1);
    String rest = pre.substring(0, dash);
    int sep = Math.max(rest.lastIndexOf('-'), rest.lastIndexOf('.'));
    String time = rest.substring(sep + 1);
    return rev.length() == 12 && rev.chars().allMatch(ch -> Digits.isDigit((char) ch) || (ch >= 'a' && ch <= 'f'))
        && time.length() == 14 && Digits.allDigits(time);
  }

  private String prefixed(String v) {
    return addPrefix && !v.isEmpty() && v.charAt(0) != 'v' ? "v" + v : v;
  }

  static Parsed parse(String v) {
    if (v.isEmpty() || v.charAt(0) != 'v') return null;
    int[] pos = {1};
    String major = number(v, pos);
    if (major == null) return null;
    if (pos[0] == v.length()) return new Parsed(major, "0", "0", "");
    if (v.charAt(pos[0]) != '.') return null;
    pos[0]++;
    String minor = number(v, pos);
    if (minor == null) return null;
    if (pos[0] == v.length()) return new Parsed(major, minor, "0", "");
    if (v.charAt(pos[0]) != '.') return null;
    pos[0]++;
    String patch = number(v, pos);
    if (patch == null) return null;
    String pre = "";
    if (pos[0] < v.length() && v.charAt(pos[0]) == '-') {
      int end = identifiers(v, pos[0], true);
      if (end < 0) return null;
      pre = v.substring(pos[0], end);
      pos[0] = end;
    }
    if (pos[0] < v.length() && v.charAt(pos[0]) == '+') {
      int end = identifiers(v, pos[0], false);
      if (end < 0) return null;
      pos[0] = end;
    }
    return pos[0] == v.length() ? new Parsed(major, minor, patch, pre) : null;
  }

  /** A number without leading zeros at {@code pos[0]}, advancing it; null when there is none. */
  private static String number(String v, int[] pos) {
    int i = pos[0];
    int j = i;
    while (j < v.length() && Digits.isDigit(v.charAt(j))) j++;
    if (j == i || (v.charAt(i) == '0' && j != i + 1)) return null;
    pos[0] = j;
    return v.substring(i, j);
  }

  /** Dot-separated identifiers after the {@code -} or {@code +} at {@code start}: the end, or -1 when malformed. */
  private static int identifiers(String v, int start, boolean prerelease) {
    int i = start + 1;
    int identStart = i;
    while (i < v.length() && !(prerelease && v.charAt(i) == '+')) {
      char c = v.charAt(i);
      if (c == '.') {
        if (bad(v, identStart, i, prerelease)) return -1;
        identStart = i + 1;
      } else if (!Digits.isAsciiAlnum(c) && c != '-') {
        return -1;
      }
      i++;
    }
    if (bad(v, identStart, i, prerelease)) return -1;
    return i;
  }

  private static boolean bad(String v, int from, int to, boolean prerelease) {
    if (from == to) return true;
    if (!prerelease || to - from < 2 || v.charAt(from) != '0') return false;
    for (int k = from; k < to; k++) {
      if (!Digits.isDigit(v.charAt(k))) return false;
    }
    return true;
  }

  private static int comparePrerelease(String x, String y) {
    if (x.equals(y)) return 0;
    if (x.isEmpty()) return 1;
    if (y.isEmpty()) return -1;
    int i = 1;
    int j = 1;
    while (i <= x.length() && j <= y.length()) {
      int ei = x.indexOf('.', i);
      if (ei < 0) ei = x.length();
      int ej = y.indexOf('.', j);
      if (ej < 0) ej = y.length();
      String dx = x.substring(i, ei);
      String dy = y.substring(j, ej);
      if (!dx.equals(dy)) {
        boolean nx = Digits.allDigits(dx);
        boolean ny = Digits.allDigits(dy);
        if (nx != ny) return nx ? -1 : 1;
        if (nx) return Digits.sign(Digits.compare(dx, dy));
        return dx.compareTo(dy) < 0 ? -1 : 1;
      }
      i = ei + 1;
      j = ej + 1;
    }
    return i > x.length() ? -1 : 1;
  }
}
