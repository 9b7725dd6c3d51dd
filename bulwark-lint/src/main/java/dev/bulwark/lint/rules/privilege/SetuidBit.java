package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PermissionChange;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D062: setuid/setgid bits added. */
public final class SetuidBit extends DockerfileRule {
  private static boolean setsSetuid(String mode) {
    if (mode.matches("[0-7]{4}")) {
      int special = mode.charAt(0) - '0';
      return (special & 6) != 0;
    }
    return mode.matches(".*[ugoa]*[+=][rwxX]*s.*");
  }

  public SetuidBit() {
    super("BW-D062", "setuid or setgid bit set", Severity.HIGH, Category.PRIVILEGE,
        "A setuid-root binary is a standing privilege-escalation path: any bug in it turns a foothold into root.",
        "Drop the bit; grant a specific capability at run time if one is truly needed (`setcap`, `--cap-add`).", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
        if (pc.invocation().name().equals("chmod") && setsSetuid(pc.mode())) {
          report.accept(finding("chmod " + pc.mode() + " sets setuid/setgid on " + String.join(" ", pc.paths()),
              pc.invocation().argSpan(pc.mode()), step.stage()));
        }
      }
    }
  }
}
