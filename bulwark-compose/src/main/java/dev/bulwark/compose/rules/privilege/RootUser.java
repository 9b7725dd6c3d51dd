package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.user.UserSpec;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C004: a service set to run as root ({@code user: root}, {@code 0}, {@code 0:0}, {@code 00}: runc reads the uid with Go's
 * Atoi), high; or with no {@code user}, low: then the image's USER decides, which this file does not show.
 */
public final class RootUser extends ComposeRule {
  public RootUser() {
    super("BW-C004", "Service runs as root", Severity.HIGH, Category.PRIVILEGE,
        "A process running as root in the container is root on the host's kernel: any escape (a kernel bug, a mounted socket, a"
            + " writable host path) is a root one, and it can rewrite everything in the image. `user: root` (or uid 0) asks for"
            + " that explicitly. With no `user`, the image's USER decides: official database and web-server images start as root"
            + " and drop privileges themselves, your own image may not; this file cannot tell, so that is only a low note.",
        "Set `user: \"10001:10001\"` (a numeric uid:gid the image's files allow), or a USER in the image's Dockerfile; for an"
            + " image that must start as root to drop privileges, keep it and say so in a `# bulwark ignore=BW-C004` comment.",
        List.of());
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlScalar user = Fields.scalar(s.body(), "user");
      String v = user == null ? "" : user.value().strip();
      if (v.isEmpty()) { // an empty User in the container config is the image's
        report.accept(finding(target, Severity.LOW, s.displayName() + " sets no `user`: it runs as the image's USER, root unless"
            + " the image sets another (not known from this file)", user == null ? s.key() : user, s.name()));
      } else if (!Fields.isVariable(v) && UserSpec.isRoot(v)) {
        report.accept(finding(target, s.displayName() + " runs as root (`user: " + v + "`)", user, s.name()));
      }
    }
  }
}
