package dev.bulwark.lint;

/** What a USER instruction's value means. */
public final class Users {
  private Users() {}

  /** root, 0, root:group, 0:0 (a user set by variable is not judged). */
  public static boolean isRoot(String user) {
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return name.equals("root") || name.equals("0");
  }
}
