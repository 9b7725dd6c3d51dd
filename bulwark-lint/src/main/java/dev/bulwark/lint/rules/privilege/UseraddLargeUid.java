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

/** BW-D070: useradd with a large UID and no -l. */
public final class UseraddLargeUid extends DockerfileRule {
  public UseraddLargeUid() {
    super("BW-D070", "useradd with a large UID without -l", Severity.LOW, Category.RELIABILITY,
        "useradd writes a sparse /var/log/lastlog and faillog sized by the UID; with a large UID the layer can grow by"
            + " gigabytes.",
        "Add `-l` / `--no-log-init` to `useradd`.", List.of("DL3046"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (UserCreation u : step.facts().facts(UserCreation.class)) {
        if (u.invocation().name().equals("useradd") && !u.noLogInit() && u.id() != null && u.id().matches("\\d+")
            && Long.parseLong(u.id()) > 99_999) {
          report.accept(finding("useradd -u " + u.id() + " without -l", u.invocation().flagSpan("-u", "--uid"), step.stage()));
        }
      }
    }
  }
}
