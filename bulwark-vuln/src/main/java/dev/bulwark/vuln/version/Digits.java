package dev.bulwark.vuln.version;

/** Numeric comparison of decimal digit runs of any length, without parsing them into a bounded type. */
final class Digits {
  private Digits() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  static boolean allDigits(CharSequence s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    return true;
  }

  /** Compares the digit runs {@code a[aFrom,aTo)} and {@code b[bFrom,bTo)} as numbers: leading zeros skipped, then by length, then digit by digit. */
  static int compare(CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
    while (aFrom < aTo && a.charAt(aFrom) == '0') aFrom++;
    while (bFrom < bTo && b.charAt(bFrom) == '0') bFrom++;
    int la = aTo - aFrom;
    int lb = bTo - bFrom;
    if (la != lb) return la < lb ? -1 : 1;
    for (int i = 0; i < la; i++) {
      char ca = a.charAt(aFrom + i);
      char cb = b.charAt(bFrom + i);
      if (ca != cb) return ca < cb ? -1 : 1;
    }
    return 0;
  }

  static int compare(String a, String b) {
    return compare(a, 0, a.length(), b, 0, b.length());
  }

  /** The digit run without its leading zeros ("0" for an all-zero run). */
  static String strip(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }

  static boolean isZero(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) != '0') return false;
    }
    return true;
  }

  static int sign(int c) {
    return Integer.compare(c, 0);
  }
}
