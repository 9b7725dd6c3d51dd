package dev.bulwark.vuln.version;

/**
 * RPM versions (Red Hat, Fedora, CentOS, Rocky, Alma, Oracle, SUSE, openSUSE, Mariner, Azure Linux…), ordered as rpm
 * does: {@code [epoch:]version[-release]}, each part by {@code rpmvercmp}.
 *
 * <p>{@code rpmvercmp} skips separators (anything but letters, digits, {@code ~} and {@code ^}) and compares the next
 * run of digits or letters of each side: numbers numerically and newer than letters, letters as strings. {@code ~}
 * sorts before anything, the end included (a pre-release); {@code ^} sorts after the end but before anything else (a
 * post-release snapshot). A missing epoch is 0; a missing release sorts before every release, as {@code rpmvercmp}
 * orders an empty part (rpm's dependency matching instead lets {@code 1.0} match {@code 1.0-5}, which is no order:
 * {@code 1.0-1 = 1.0 = 1.0-2}). Every string compares, so none is invalid except the empty string.
 */
public final class Rpm implements VersionScheme {
  static final Rpm INSTANCE = new Rpm();

  private Rpm() {}

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) return 0;
    String[] ea = evr(a);
    String[] eb = evr(b);
    int c = rpmvercmp(ea[0], eb[0]);
    if (c != 0) return c;
    c = rpmvercmp(ea[1], eb[1]);
    if (c != 0) return c;
    return rpmvercmp(ea[2] == null ? "" : ea[2], eb[2] == null ? "" : eb[2]);
  }

  @Override
  public boolean isValid(String version) {
    return !version.isEmpty();
  }

  /** Splits epoch (digits before a {@code :}, else "0"), version and release (after the last {@code -}, else null). */
  static String[] evr(String s) {
    String epoch = "0";
    int start = 0;
    int i = 0;
    while (i < s.length() && Digits.isDigit(s.charAt(i))) i++;
    if (i < s.length() && s.charAt(i) == ':') {
      if (i > 0) epoch = s.substring(0, i);
      start = i + 1;
    }
    int dash = s.lastIndexOf('-');
    if (dash >= start) return new String[] {epoch, s.substring(start, dash), s.substring(dash + 1)};
    return new String[] {epoch, s.substring(start), null};
  }

  private static boolean isSep(char c) {
    return !Digits.isAsciiAlnum(c) && c != '~' && c != '^';
  }

  /** rpm's rpmvercmp over one part. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) return 0;
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && isSep(a.charAt(i))) i++;
      while (j < lb && isSep(b.charAt(j))) j++;
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') return 1;
        if (cb != '~') return -1;
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i == la) return -1;
        if (j == lb) return 1;
        if (ca != '^') return 1;
        if (cb != '^') return -1;
        i++;
        j++;
        continue;
      }
      if (i == la || j == lb) break;
      int ei = i;
      int ej = j;
      boolean numeric = Digits.isDigit(ca);
      if (numeric) {
        while (ei < la && Digits.isDigit(a.charAt(ei))) ei++;
        while (ej < lb && Digits.isDigit(b.charAt(ej))) ej++;
      } else {
        while (ei < la && Digits.isAsciiLetter(a.charAt(ei))) ei++;
        while (ej < lb && Digits.isAsciiLetter(b.charAt(ej))) ej++;
      }
      // the other side has a run of the other kind: a number is newer than letters
      if (ej == j) return numeric ? 1 : -1;
      int c = numeric ? Digits.compare(a, i, ei, b, j, ej) : a.substring(i, ei).compareTo(b.substring(j, ej));
      if (c != 0) return c < 0 ? -1 : 1;
      i = ei;
      j = ej;
    }
    if (i >= la && j >= lb) return 0;
    return i >= la ? -1 : 1;
  }
}
