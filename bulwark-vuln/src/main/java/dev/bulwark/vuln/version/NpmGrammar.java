package dev.bulwark.vuln.version;

import java.util.regex.Pattern;

/**
 * node-semver's grammar as regular expressions, built from the same parts, with the repetition bounds node-semver's
 * "safe" expressions use (a digit run at most 256 long, an identifier at most 250, one optional blank where the
 * range text has already been reduced to single spaces). Group numbers follow node-semver's, which the range
 * rewriting relies on. Loaded on first use of a range or version.
 */
final class NpmGrammar {
  private NpmGrammar() {}

  private static final String ALNUM = "[a-zA-Z0-9-]";
  private static final String NUM = "0|[1-9]\\d{0,256}";
  private static final String NUM_LOOSE = "\\d{1,256}";
  private static final String NON_NUM = "\\d{0,256}[a-zA-Z-]" + ALNUM + "{0,250}";
  private static final String PRE_ID = "(?:" + NON_NUM + "|" + NUM + ")";
  private static final String PRE_ID_LOOSE = "(?:" + NON_NUM + "|" + NUM_LOOSE + ")";
  private static final String MAIN = "(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")";
  private static final String MAIN_LOOSE = "(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")";
  private static final String PRE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
  private static final String PRE_LOOSE = "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
  private static final String BUILD_ID = ALNUM + "{1,250}";
  static final String BUILD = "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))";
  private static final String FULL_PLAIN = "v?" + MAIN + PRE + "?" + BUILD + "?";
  private static final String LOOSE_PLAIN = "[v=\\s]*" + MAIN_LOOSE + PRE_LOOSE + "?" + BUILD + "?";
  private static final String GTLT = "((?:<|>)?=?)";
  private static final String XID = NUM + "|x|X|\\*";
  private static final String XID_LOOSE = NUM_LOOSE + "|x|X|\\*";
  private static final String XPLAIN = xplain(XID, PRE);
  private static final String XPLAIN_LOOSE = xplain(XID_LOOSE, PRE_LOOSE);
  private static final String S = "\\s{0,1}";

  private static String xplain(String id, String pre) {
    return "[v=\\s]*(" + id + ")(?:\\.(" + id + ")(?:\\.(" + id + ")(?:" + pre + ")?" + BUILD + "?)?)?";
  }

  static final Pattern FULL = Pattern.compile("^" + FULL_PLAIN + "$");
  static final Pattern LOOSE = Pattern.compile("^" + LOOSE_PLAIN + "$");
  /** Build metadata anywhere (unbounded, as node-semver's first strip of a range is). */
  static final Pattern BUILD_ANYWHERE = Pattern.compile("(?:\\+(" + ALNUM + "+(?:\\." + ALNUM + "+)*))");
  static final Pattern BUILD_FIRST = Pattern.compile(BUILD);
  // groups: 1 operator, 2 major, 3 minor, 4 patch, 5 pre-release
  static final Pattern XRANGE = Pattern.compile("^" + GTLT + S + XPLAIN + "$");
  static final Pattern XRANGE_LOOSE = Pattern.compile("^" + GTLT + S + XPLAIN_LOOSE + "$");
  static final Pattern TILDE_TRIM = Pattern.compile("(" + S + ")(?:~>?)\\s{1,1}");
  // groups: 1 major, 2 minor, 3 patch, 4 pre-release
  static final Pattern TILDE = Pattern.compile("^(?:~>?)" + XPLAIN + "$");
  static final Pattern TILDE_LOOSE = Pattern.compile("^(?:~>?)" + XPLAIN_LOOSE + "$");
  static final Pattern CARET_TRIM = Pattern.compile("(" + S + ")(?:\\^)\\s{1,1}");
  static final Pattern CARET = Pattern.compile("^(?:\\^)" + XPLAIN + "$");
  static final Pattern CARET_LOOSE = Pattern.compile("^(?:\\^)" + XPLAIN_LOOSE + "$");
  // groups: 1 operator, 2 version
  static final Pattern COMPARATOR = Pattern.compile("^" + GTLT + S + "(" + FULL_PLAIN + ")$|^$");
  static final Pattern COMPARATOR_LOOSE = Pattern.compile("^" + GTLT + S + "(" + LOOSE_PLAIN + ")$|^$");
  // groups: 1 blank, 2 operator, 3 version
  static final Pattern COMPARATOR_TRIM = Pattern.compile("(" + S + ")" + GTLT + S + "(" + LOOSE_PLAIN + "|" + XPLAIN + ")");
  // groups: 1 from (2-6 its parts), 7 to (8-12 its parts)
  static final Pattern HYPHEN = Pattern.compile("^" + S + "(" + XPLAIN + ")\\s{1,1}-\\s{1,1}(" + XPLAIN + ")" + S + "$");
  static final Pattern HYPHEN_LOOSE = Pattern.compile("^" + S + "(" + XPLAIN_LOOSE + ")\\s{1,1}-\\s{1,1}(" + XPLAIN_LOOSE + ")" + S + "$");
  static final Pattern STAR = Pattern.compile("(<|>)?=?" + S + "\\*");
  static final Pattern GTE0 = Pattern.compile("^" + S + ">=" + S + "0\\.0\\.0" + S + "$");
  static final Pattern GTE0_PRE = Pattern.compile("^" + S + ">=" + S + "0\\.0\\.0-0" + S + "$");

  static boolean matches(Pattern p, String s) {
    return p.matcher(s).matches();
  }
}
