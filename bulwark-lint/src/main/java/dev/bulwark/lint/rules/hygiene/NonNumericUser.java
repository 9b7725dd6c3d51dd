package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.Users;
import java.util.List;
import java.util.function.Consumer;

/** BW-D090: USER given by name only. */
public final class NonNumericUser extends DockerfileRule {
  public NonNumericUser() {
    super("BW-D090", "USER given by name, not UID", Severity.INFO, Category.RUNTIME,
        "Kubernetes' runAsNonRoot can only verify a numeric user; a name must be resolved from /etc/passwd inside the"
            + " image, and the pod is refused when it cannot.",
        "Use the numeric UID:GID (`USER 10001:10001`).", List.of("DL3066"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null) {
      return;
    }
    List<Command.User> users = last.commands(Command.User.class);
    if (!users.isEmpty()) {
      Command.User u = users.getLast();
      boolean variable = u.instruction().args().stream().anyMatch(a -> a.contains("$"));
      if (!u.name().matches("\\d+") && !variable && !u.user().isEmpty() && !Users.isRoot(u.user())) {
        report.accept(finding("USER " + u.user() + " is a name; runAsNonRoot cannot check it", u.instruction().argSpan(0), last));
      }
    }
  }
}
