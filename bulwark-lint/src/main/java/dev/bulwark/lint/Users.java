package dev.bulwark.lint;

import dev.bulwark.core.user.UserSpec;

/** What a USER instruction's value means. */
public final class Users {
  private Users() {}

  /** root, 0, 00, +0, root:group, 000:1 — uid 0 the way runc parses it (a user set by variable is not judged). */
  public static boolean isRoot(String user) {
    return UserSpec.isRoot(user);
  }
}
