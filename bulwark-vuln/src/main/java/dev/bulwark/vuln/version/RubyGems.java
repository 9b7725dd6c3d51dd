package dev.bulwark.vuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions, ordered as {@code Gem::Version} does.
 *
 * <p>A version is digits, then dot-separated runs of letters and digits, then optionally {@code -} and more (which
 * RubyGems reads as {@code .pre.}); surrounding whitespace is ignored and the empty string is {@code 0}. The segments
 * are the runs of digits (numbers) and of letters (strings); any letter makes a pre-release, which sorts before the
 * release ({@code 1.0.a < 1.0}), because a string segment sorts before a number. Trailing zeros do not count, neither
 * of the release part nor of the part from the first letter on ({@code 1.0.0 == 1}, {@code 1.0.a.0 == 1.a}).
 */
public final class RubyGems implements VersionScheme {
  static final RubyGems INSTANCE = new RubyGems();

  private RubyGems() {}

  @Override
  public String name() {
    return "rubygems";
  }

  @Override
  public boolean isValid(String version) {
    return wellFormed(version.strip());
  }

  @Override
  public int compare(String a, String b) {
    List<String> x = canonical(a);
    List<String> y = canonical(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      String l = i < x.size() ? x.get(i) : "0";
      String r = i < y.size() ? y.get(i) : "0";
      if (l.equals(r)) continue;
      boolean ln = Digits.isDigit(l.charAt(0));
      boolean rn = Digits.isDigit(r.charAt(0));
      if (ln != rn) return ln ? 1 : -1;
      return Digits.sign(ln ? Digits.compare(l, r) : l.compareTo(r));
    }
    return 0;
  }

  /** {@code [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}, or empty. */
  private static boolean wellFormed(String v) {
    if (v.isEmpty()) return true;
    int i = 0;
    while (i < v.length() && Digits.isDigit(v.charAt(i))) i++;
    if (i == 0) return false;
    while (i < v.length() && v.charAt(i) == '.') {
      int j = i + 1;
      while (j < v.length() && Digits.isAsciiAlnum(v.charAt(j))) j++;
      if (j == i + 1) return false;
      i = j;
    }
    if (i == v.length()) return true;
    if (v.charAt(i) != '-') return false;
    while (i < v.length()) {
      int j = i + 1;
      while (j < v.length() && (Digits.isAsciiAlnum(v.charAt(j)) || v.charAt(j) == '-')) j++;
      if (j == i + 1) return false;
      if (j < v.length() && v.charAt(j) != '.') return false;
      i = j;
    }
    return true;
  }

  /** The canonical segments: digit runs without leading zeros and letter runs, trailing zeros dropped per part. */
  static List<String> canonical(String raw) {
    String v = raw.strip();
    if (!wellFormed(v)) throw new InvalidVersionException("rubygems", raw, "malformed version number string");
    if (v.isEmpty()) v = "0";
    v = v.replace("-", ".pre.");
    List<String> segments = new ArrayList<>();
    int firstString = -1;
    for (int i = 0; i < v.length(); ) {
      char c = v.charAt(i);
      int j = i;
      if (Digits.isDigit(c)) {
        while (j < v.length() && Digits.isDigit(v.charAt(j))) j++;
        segments.add(Digits.strip(v.substring(i, j)));
      } else if (Digits.isAsciiLetter(c)) {
        while (j < v.length() && Digits.isAsciiLetter(v.charAt(j))) j++;
        if (firstString < 0) firstString = segments.size();
        segments.add(v.substring(i, j));
      } else {
        j++;
      }
      i = j;
    }
    int split = firstString < 0 ? segments.size() : firstString;
    List<String> out = new ArrayList<>(dropTrailingZeros(segments.subList(0, split)));
    out.addAll(dropTrailingZeros(segments.subList(split, segments.size())));
    return out;
  }

  private static List<String> dropTrailingZeros(List<String> part) {
    int n = part.size();
    while (n > 0 && part.get(n - 1).equals("0")) n--;
    return part.subList(0, n);
  }
}
