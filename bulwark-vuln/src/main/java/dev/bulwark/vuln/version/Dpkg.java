package dev.bulwark.vuln.version;

/**
 * Debian and Ubuntu package versions, ordered as dpkg does ({@code [epoch:]upstream[-revision]}; {@code verrevcmp}).
 *
 * <p>The epoch is a number (missing is 0). The revision is what follows the last {@code -} (missing sorts as
 * {@code 0}). Upstream and revision compare alternately by non-digit runs, character by character, where {@code ~}
 * sorts before everything (the end of the string included), letters before non-letters; and by digit runs as numbers.
 * Like {@code dpkg --compare-versions}, the strings dpkg only warns about (a version not starting with a digit, a
 * character outside dpkg's set) still compare but are not {@linkplain #isValid valid}; those it rejects throw.
 */
public final class Dpkg implements VersionScheme {
  static final Dpkg INSTANCE = new Dpkg();

  private Dpkg() {}

  /** A parsed version: epoch digits (no leading zeros), upstream and revision. */
  record Parsed(String epoch, String upstream, String revision, String warning) {}

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int compare(String a, String b) {
    Parsed pa = parse(a);
    Parsed pb = parse(b);
    int c = Digits.compare(pa.epoch, pb.epoch);
    if (c != 0) return c;
    c = verrevcmp(pa.upstream, pb.upstream);
    if (c != 0) return c;
    return verrevcmp(pa.revision, pb.revision);
  }

  @Override
  public boolean isValid(String version) {
    try {
      return parse(version).warning == null;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  /** dpkg's parseversion: errors throw, warnings are kept in {@link Parsed#warning}. */
  static Parsed parse(String s) {
    if (s.isEmpty()) throw invalid(s, "version string is empty");
    int from = 0;
    int to = s.length();
    while (from < to && isBlank(s.charAt(from))) from++;
    while (to > from && isBlank(s.charAt(to - 1))) to--;
    if (from == to) throw invalid(s, "version string is empty");
    for (int i = from; i < to; i++) {
      if (isBlank(s.charAt(i))) throw invalid(s, "version string has embedded spaces");
    }
    String epoch = "0";
    int colon = s.indexOf(':', from);
    if (colon >= 0 && colon < to) {
      // strtol's reading: an optional sign, then digits up to the colon
      int d = from < colon && (s.charAt(from) == '+' || s.charAt(from) == '-') ? from + 1 : from;
      if (d == colon) throw invalid(s, "epoch in version is empty");
      for (int i = d; i < colon; i++) {
        if (!Digits.isDigit(s.charAt(i))) throw invalid(s, "epoch in version is not number");
      }
      epoch = Digits.strip(s.substring(d, colon));
      if (s.charAt(from) == '-' && !epoch.equals("0")) throw invalid(s, "epoch in version is negative");
      if (epoch.length() > 10 || Long.parseLong(epoch) > Integer.MAX_VALUE) throw invalid(s, "epoch in version is too big");
      if (colon + 1 == to) throw invalid(s, "nothing after colon in version number");
      from = colon + 1;
    }
    String upstream;
    String revision = "";
    int hyphen = s.lastIndexOf('-', to - 1);
    if (hyphen >= from) {
      if (hyphen + 1 == to) throw invalid(s, "revision number is empty");
      upstream = s.substring(from, hyphen);
      revision = s.substring(hyphen + 1, to);
    } else {
      upstream = s.substring(from, to);
    }
    if (upstream.isEmpty()) throw invalid(s, "version number is empty");
    return new Parsed(epoch, upstream, revision, warning(upstream, revision));
  }

  private static String warning(String upstream, String revision) {
    if (!Digits.isDigit(upstream.charAt(0))) return "version number does not start with digit";
    for (int i = 1; i < upstream.length(); i++) {
      char c = upstream.charAt(i);
      if (!Digits.isAsciiAlnum(c) && ".-+~:".indexOf(c) < 0) return "invalid character in version number";
    }
    for (int i = 0; i < revision.length(); i++) {
      char c = revision.charAt(i);
      if (!Digits.isAsciiAlnum(c) && ".+~".indexOf(c) < 0) return "invalid character in revision number";
    }
    return null;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static InvalidVersionException invalid(String s, String reason) {
    return new InvalidVersionException("dpkg", s, reason);
  }

  /** The weight of a character in a non-digit run; the end of the string (and a digit) weighs 0. */
  private static int order(String s, int i) {
    if (i >= s.length()) return 0;
    char c = s.charAt(i);
    if (Digits.isDigit(c)) return 0;
    if (Digits.isAsciiLetter(c)) return c;
    if (c == '~') return -1;
    return c + 256;
  }

  /** dpkg's verrevcmp over one upstream or revision part. */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while ((i < la && !Digits.isDigit(a.charAt(i))) || (j < lb && !Digits.isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) return Integer.compare(ac, bc);
        i++;
        j++;
      }
      int ia = i;
      while (i < la && Digits.isDigit(a.charAt(i))) i++;
      int jb = j;
      while (j < lb && Digits.isDigit(b.charAt(j))) j++;
      int c = Digits.compare(a, ia, i, b, jb, j);
      if (c != 0) return c;
    }
    return 0;
  }
}
