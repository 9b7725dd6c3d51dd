package dev.bulwark.vuln.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven artifact versions, ordered by Maven's own {@code ComparableVersion} (from {@code maven-artifact}): numbers and
 * qualifiers split at {@code .}, {@code -} and digit/letter switches, {@code alpha < beta < milestone < rc = cr <
 * snapshot <} (release, {@code ga}, {@code final}) {@code < sp}, unknown qualifiers after those, trailing zeros and
 * empty qualifiers dropped.
 *
 * <p>Every string is a Maven version. The one exception: {@code ComparableVersion} nests a list for every {@code -} and
 * every switch between digits and letters, and compares those lists recursively, so a version with more than
 * {@value #MAX_NESTING} of them is rejected with {@link InvalidVersionException} (and is not valid) instead of
 * overflowing the stack; and so is a run of more than {@value #MAX_DIGITS} digits, which it would turn into a
 * {@code BigInteger} in time quadratic in its length.
 */
public final class MavenVersion implements VersionScheme {
  static final MavenVersion INSTANCE = new MavenVersion();
  static final int MAX_NESTING = 1000;
  static final int MAX_DIGITS = 10_000;

  private MavenVersion() {}

  @Override
  public String name() {
    return "maven";
  }

  @Override
  public int compare(String a, String b) {
    return Digits.sign(parse(a).compareTo(parse(b)));
  }

  @Override
  public boolean isValid(String version) {
    return problem(version) == null;
  }

  static ComparableVersion parse(String v) {
    String problem = problem(v);
    if (problem != null) throw new InvalidVersionException("maven", v, problem);
    return new ComparableVersion(v);
  }

  private static String problem(String v) {
    if (nesting(v) > MAX_NESTING) return "more than " + MAX_NESTING + " nested list items";
    int run = 0;
    for (int i = 0; i < v.length(); i++) {
      run = Character.isDigit(v.charAt(i)) ? run + 1 : 0;
      if (run > MAX_DIGITS) return "a number longer than " + MAX_DIGITS + " digits";
    }
    return null;
  }

  /** An upper bound of the list levels ComparableVersion opens for {@code v}: one per '-' and per switch between digits and other characters within an item. */
  private static int nesting(String v) {
    int n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '-') {
        n++;
      } else if (i > 0 && c != '.' && v.charAt(i - 1) != '.' && v.charAt(i - 1) != '-' && switches(v.charAt(i - 1), c)) {
        n++;
      }
    }
    return n;
  }

  // a switch by either definition of a digit (ASCII, or Unicode's), so the count bounds Maven's whichever it uses
  private static boolean switches(char a, char b) {
    return Digits.isDigit(a) != Digits.isDigit(b) || Character.isDigit(a) != Character.isDigit(b);
  }
}
