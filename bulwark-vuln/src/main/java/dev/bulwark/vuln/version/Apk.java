package dev.bulwark.vuln.version;

/**
 * Alpine (and Wolfi, Chainguard) package versions, ordered as apk-tools does:
 * {@code digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}}.
 *
 * <p>Both strings are read as a stream of tokens at once; the first token that differs in value decides. Numbers
 * compare numerically, except that a later number with a leading zero compares as a string (the Gentoo rule); a
 * letter by its character; suffixes {@code _alpha < _beta < _pre < _rc <} (none) {@code < _cvs < _svn < _git < _hg <
 * _p}; a commit hash as a string; {@code -rN} numerically. When one string runs out or turns invalid first, a
 * pre-release suffix on the other makes that one older, otherwise the one whose next token kind is later (an end, an
 * invalid token) is older, as in apk. Every string compares; invalid ones are not {@linkplain #isValid valid}.
 */
public final class Apk implements VersionScheme {
  static final Apk INSTANCE = new Apk();

  private Apk() {}

  // Token kinds in apk-tools' order: a token may only be followed by one of a later kind (digits after digits).
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  // Suffix values: pre-release ones sort below NONE.
  private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
  private static final int SUFFIX_NONE = 4;

  /** A cursor over one version string; {@code kind}, {@code from}, {@code to} and {@code suffix} describe the current token. */
  static final class Tokens {
    final String s;
    int pos;
    int kind;
    int from;
    int to;
    int suffix;

    Tokens(String s) {
      this.s = s;
      kind = INITIAL_DIGIT;
      digits();
    }

    private void digits() {
      from = pos;
      while (pos < s.length() && Digits.isDigit(s.charAt(pos))) pos++;
      to = pos;
      if (from == to) kind = INVALID;
    }

    void next() {
      if (pos >= s.length()) {
        kind = END;
        return;
      }
      char c = s.charAt(pos);
      if (c >= 'a' && c <= 'z') {
        if (kind > DIGIT) {
          kind = INVALID;
          return;
        }
        from = pos;
        to = ++pos;
        kind = LETTER;
      } else if (c == '.' || Digits.isDigit(c)) {
        if (c == '.') {
          if (kind > DIGIT) {
            kind = INVALID;
            return;
          }
          pos++;
        }
        if (kind == INITIAL_DIGIT || kind == DIGIT) {
          kind = DIGIT;
        } else if (kind == SUFFIX) {
          kind = SUFFIX_NO;
        } else {
          kind = INVALID;
          return;
        }
        digits();
      } else if (c == '_') {
        if (kind > SUFFIX_NO) {
          kind = INVALID;
          return;
        }
        from = ++pos;
        while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') pos++;
        to = pos;
        suffix = suffixValue(s.substring(from, to));
        kind = suffix < 0 ? INVALID : SUFFIX;
      } else if (c == '~') {
        if (kind >= COMMIT_HASH) {
          kind = INVALID;
          return;
        }
        from = ++pos;
        while (pos < s.length() && isHex(s.charAt(pos))) pos++;
        to = pos;
        kind = from == to ? INVALID : COMMIT_HASH;
      } else if (c == '-') {
        if (kind >= REVISION_NO || !s.startsWith("-r", pos)) {
          kind = INVALID;
          return;
        }
        pos += 2;
        kind = REVISION_NO;
        digits();
      } else {
        kind = INVALID;
      }
    }

    private static boolean isHex(char c) {
      return Digits.isDigit(c) || (c >= 'a' && c <= 'f');
    }
  }

  private static int suffixValue(String s) {
    if (s.isEmpty()) return -1;
    for (int i = 0; i < SUFFIXES.length; i++) {
      if (i != SUFFIX_NONE && SUFFIXES[i].equals(s)) return i;
    }
    return -1;
  }

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int compare(String a, String b) {
    Tokens ta = new Tokens(a);
    Tokens tb = new Tokens(b);
    while (ta.kind == tb.kind && ta.kind < END) {
      int c = tokenCompare(ta, tb);
      if (c != 0) return c;
      ta.next();
      tb.next();
    }
    if (ta.kind == tb.kind) return 0;
    if (ta.kind == SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
    if (tb.kind == SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
    return ta.kind > tb.kind ? -1 : 1;
  }

  private static int tokenCompare(Tokens a, Tokens b) {
    switch (a.kind) {
      case DIGIT:
        if (a.s.charAt(a.from) == '0' || b.s.charAt(b.from) == '0') return stringCompare(a, b);
        return Digits.compare(a.s, a.from, a.to, b.s, b.from, b.to);
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO:
        return Digits.compare(a.s, a.from, a.to, b.s, b.from, b.to);
      case LETTER:
        return Integer.compare(a.s.charAt(a.from), b.s.charAt(b.from));
      case SUFFIX:
        return Integer.compare(a.suffix, b.suffix);
      default:
        return stringCompare(a, b);
    }
  }

  private static int stringCompare(Tokens a, Tokens b) {
    int la = a.to - a.from;
    int lb = b.to - b.from;
    for (int i = 0; i < Math.min(la, lb); i++) {
      char ca = a.s.charAt(a.from + i);
      char cb = b.s.charAt(b.from + i);
      if (ca != cb) return ca < cb ? -1 : 1;
    }
    return Integer.compare(la, lb);
  }

  @Override
  public boolean isValid(String version) {
    Tokens t = new Tokens(version);
    while (t.kind < END) t.next();
    return t.kind == END;
  }
}
