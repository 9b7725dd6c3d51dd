package dev.bulwark.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python package versions (PEP 440), parsed and ordered as {@code packaging.version.Version} does.
 *
 * <p>{@code [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]} with every spelling packaging accepts: any case, optional
 * {@code - _ .} separators, {@code alpha beta c pre preview} for the pre-release letters, {@code rev r} and a bare
 * {@code -N} for post-releases, implicit 0 numbers, surrounding whitespace. Trailing zeros of the release do not count
 * ({@code 1.0 == 1}); a dev release of a final sorts before its pre-releases; a local version sorts after the same
 * public version, numeric local segments after alphanumeric ones. The parser reads left to right without backtracking
 * over the input, in the order the reference regular expression tries its alternatives; strings it rejects throw.
 */
public final class Pep440 implements VersionScheme {
  static final Pep440 INSTANCE = new Pep440();

  private Pep440() {}

  /** A parsed version: numbers are digit strings; {@code pre} is a letter index (a=0, b=1, rc=2) or -1. */
  record Parsed(String epoch, List<String> release, int pre, String preN, String post, String dev, List<String> local) {}

  @Override
  public String name() {
    return "pep440";
  }

  @Override
  public boolean isValid(String version) {
    return cachedParse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    return compare(parse(a), parse(b));
  }

  /**
   * Parsed versions by text, bounded: matching compares one installed version with the events of every candidate
   * record, and PyPI's records repeat the same few hundred event versions (TensorFlow's ~800 records), so parsing
   * each once is most of the matching time saved. Only short strings are kept; the map is dropped when full.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Object> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int CACHE_MAX = 1 << 16;
  private static final Object INVALID = new Object();

  private static Parsed cachedParse(String s) {
    if (s.length() > 64) return parseOrNull(s);
    Object hit = CACHE.get(s);
    if (hit == null) {
      Parsed p = parseOrNull(s);
      if (CACHE.size() >= CACHE_MAX) CACHE.clear();
      CACHE.put(s, p == null ? INVALID : p);
      return p;
    }
    return hit == INVALID ? null : (Parsed) hit;
  }

  static Parsed parse(String s) {
    Parsed p = cachedParse(s);
    if (p == null) throw new InvalidVersionException("pep440", s, "not a PEP 440 version");
    return p;
  }

  private static final String[][] PRE_LABELS = {{"alpha", "0"}, {"a", "0"}, {"beta", "1"}, {"b", "1"}, {"preview", "2"},
      {"pre", "2"}, {"c", "2"}, {"rc", "2"}};
  private static final String[] POST_LABELS = {"post", "rev", "r"};

  /** The input lower-cased (ASCII) with its cursor. */
  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean at(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    boolean sepAt(int i) {
      if (i >= s.length()) return false;
      char c = s.charAt(i);
      return c == '-' || c == '_' || c == '.';
    }

    int digitsFrom(int i) {
      int j = i;
      while (j < s.length() && Digits.isDigit(s.charAt(j))) j++;
      return j;
    }
  }

  static Parsed parseOrNull(String raw) {
    int from = 0;
    int to = raw.length();
    while (from < to && Character.isWhitespace(raw.charAt(from))) from++;
    while (to > from && Character.isWhitespace(raw.charAt(to - 1))) to--;
    Cursor c = new Cursor(raw.substring(from, to).toLowerCase(Locale.ROOT));
    if (c.at('v')) c.pos++;
    // epoch: digits followed by '!'
    String epoch = "0";
    int d = c.digitsFrom(c.pos);
    if (d > c.pos && d < c.s.length() && c.s.charAt(d) == '!') {
      epoch = c.s.substring(c.pos, d);
      c.pos = d + 1;
    }
    List<String> release = new ArrayList<>();
    d = c.digitsFrom(c.pos);
    if (d == c.pos) return null;
    release.add(c.s.substring(c.pos, d));
    c.pos = d;
    while (c.at('.')) {
      int e = c.digitsFrom(c.pos + 1);
      if (e == c.pos + 1) break;
      release.add(c.s.substring(c.pos + 1, e));
      c.pos = e;
    }
    int pre = -1;
    String preN = null;
    int[] label = label(c, labels(PRE_LABELS));
    if (label != null) {
      pre = Integer.parseInt(PRE_LABELS[label[0]][1]);
      preN = number(c);
    }
    String post = null;
    if (c.at('-') && c.digitsFrom(c.pos + 1) > c.pos + 1) {
      int e = c.digitsFrom(c.pos + 1);
      post = c.s.substring(c.pos + 1, e);
      c.pos = e;
    } else if (label(c, POST_LABELS) != null) {
      post = number(c);
    }
    String dev = null;
    if (label(c, new String[] {"dev"}) != null) dev = number(c);
    List<String> local = null;
    if (c.at('+')) {
      local = new ArrayList<>();
      int i = c.pos + 1;
      while (true) {
        int e = i;
        while (e < c.s.length() && Digits.isAsciiAlnum(c.s.charAt(e))) e++;
        if (e == i) return null;
        local.add(c.s.substring(i, e));
        if (e < c.s.length() && c.sepAt(e)) {
          i = e + 1;
        } else {
          c.pos = e;
          break;
        }
      }
    }
    if (c.pos != c.s.length()) return null;
    return new Parsed(epoch, release, pre, preN, post, dev, local);
  }

  private static String[] labels(String[][] table) {
    String[] out = new String[table.length];
    for (int i = 0; i < table.length; i++) out[i] = table[i][0];
    return out;
  }

  /** An optional separator then the first label that matches; consumes both and returns {index}, or null and consumes nothing. */
  private static int[] label(Cursor c, String[] labels) {
    int i = c.sepAt(c.pos) ? c.pos + 1 : c.pos;
    for (int k = 0; k < labels.length; k++) {
      if (c.s.startsWith(labels[k], i)) {
        c.pos = i + labels[k].length();
        return new int[] {k};
      }
    }
    return null;
  }

  /** An optional separator then optional digits (greedy, as the regular expression): the number, "0" when absent. */
  private static String number(Cursor c) {
    if (c.sepAt(c.pos)) c.pos++;
    int e = c.digitsFrom(c.pos);
    String n = e > c.pos ? c.s.substring(c.pos, e) : "0";
    c.pos = e;
    return n;
  }

  static int compare(Parsed a, Parsed b) {
    int c = Digits.compare(a.epoch, b.epoch);
    if (c != 0) return c;
    c = compareRelease(a.release, b.release);
    if (c != 0) return c;
    c = Integer.compare(preRank(a), preRank(b));
    if (c != 0) return c;
    if (a.pre >= 0 && b.pre >= 0) {
      c = Integer.compare(a.pre, b.pre);
      if (c != 0) return c;
      c = Digits.compare(a.preN, b.preN);
      if (c != 0) return c;
    }
    c = compareOptional(a.post, b.post, -1);
    if (c != 0) return c;
    c = compareOptional(a.dev, b.dev, 1);
    if (c != 0) return c;
    return compareLocal(a.local, b.local);
  }

  /** -1: a dev release of a final (before every pre-release); 0: a pre-release; 1: no pre-release. */
  private static int preRank(Parsed p) {
    if (p.pre >= 0) return 0;
    return p.post == null && p.dev != null ? -1 : 1;
  }

  /** Compares optional numbers where a missing one sorts at {@code missing} (-1: first, 1: last). */
  private static int compareOptional(String a, String b, int missing) {
    if (a == null || b == null) {
      if (a == b) return 0;
      return a == null ? missing : -missing;
    }
    return Digits.compare(a, b);
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int la = significant(a);
    int lb = significant(b);
    for (int i = 0; i < Math.min(la, lb); i++) {
      int c = Digits.compare(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(la, lb);
  }

  private static int significant(List<String> release) {
    int n = release.size();
    while (n > 0 && Digits.isZero(release.get(n - 1))) n--;
    return n;
  }

  private static int compareLocal(List<String> a, List<String> b) {
    if (a == null || b == null) {
      if (a == b) return 0;
      return a == null ? -1 : 1;
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean nx = Digits.allDigits(x);
      boolean ny = Digits.allDigits(y);
      int c;
      if (nx && ny) {
        c = Digits.compare(x, y);
      } else if (nx != ny) {
        c = nx ? 1 : -1;
      } else {
        c = Integer.signum(x.compareTo(y));
      }
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }
}
