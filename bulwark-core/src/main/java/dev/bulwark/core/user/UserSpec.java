package dev.bulwark.core.user;

/**
 * A container's {@code user[:group]} as runc reads it: the user part is a uid when Go's
 * {@code strconv.Atoi} accepts it (optional sign, leading zeros: {@code 00}, {@code +0}, {@code -0}
 * are all uid 0), else a name looked up in /etc/passwd.
 */
public final class UserSpec {
  private UserSpec() {}

  /** The user part of {@code user[:group]}. */
  public static String userPart(String spec) {
    int colon = spec.indexOf(':');
    return colon < 0 ? spec : spec.substring(0, colon);
  }

  /** True when the user part names root: the name {@code root} or a number runc reads as uid 0. */
  public static boolean isRoot(String spec) {
    String user = userPart(spec);
    return user.equals("root") || isZero(user);
  }

  /** Whether Atoi would accept {@code s} and give 0: any in-range number is digits, and 0 is all zeros. */
  static boolean isZero(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
