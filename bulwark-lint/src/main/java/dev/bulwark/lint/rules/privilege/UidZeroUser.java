package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.UserCreation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D071: a user created with UID 0 or a shared UID. */
public final class UidZeroUser extends DockerfileRule {
  public UidZeroUser() {
    super("BW-D071", "User created with UID 0 or a shared UID", Severity.HIGH, Category.PRIVILEGE,
        "A user with UID 0 is root whatever its name; a non-unique UID (-o) makes two names the same account, defeating"
            + " the point of a dedicated user.",
        "Create the user with its own UID above 10000 (`useradd -r -l -u 10001 app`).", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (UserCreation u : step.facts().facts(UserCreation.class)) {
        if (u.group()) {
          continue;
        }
        if ("0".equals(u.id())) {
          report.accept(finding("user " + u.name() + " is created with UID 0 (root)", u.invocation().flagSpan(u.group() ? new String[] {"-g", "--gid"} : new String[] {"-u", "--uid"}), step.stage()));
        } else if (u.invocation().hasFlag("-o", "--non-unique")) {
          report.accept(finding("user " + u.name() + " is created with a non-unique UID", u.invocation().flagSpan("-o", "--non-unique"), step.stage()));
        }
      }
    }
  }
}
