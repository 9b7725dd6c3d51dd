package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.user.UserSpec;
import java.util.List;
import java.util.function.Consumer;

/** BW-M001: Image runs as root. */
public final class RootUser extends ImageRule {
  public RootUser() {
    super("BW-M001", "Image runs as root", Severity.CRITICAL, Category.PRIVILEGE,
        "The image's configured user is root (or unset, which means root): every process starts with full privileges.",
        "Rebuild with a non-root USER (numeric UID), or run with `--user 10001:10001` / `runAsNonRoot: true`.",
        List.of("CIS-DI-0001", "DS002"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    String user = t.image().manifest().config().user();
    if (UserSpec.userPart(user).isEmpty() || UserSpec.isRoot(user)) {
      report.accept(inConfig("User", user.isEmpty() ? "the image sets no user: containers run as root" : "the image runs as " + user));
    }
  }
}
