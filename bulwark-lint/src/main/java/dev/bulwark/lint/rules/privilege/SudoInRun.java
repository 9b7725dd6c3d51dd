package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.Sudo;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D060: sudo in a build. */
public final class SudoInRun extends DockerfileRule {
  public SudoInRun() {
    super("BW-D060", "sudo used in RUN", Severity.HIGH, Category.PRIVILEGE,
        "RUN already runs as the current USER; sudo in an image means a setuid binary and a sudoers policy shipped for an"
            + " attacker to abuse, and TTY/PAM quirks that break builds.",
        "Switch user with `USER root` around the privileged step and back to the unprivileged user; remove sudo from the image.",
        List.of("DL3004", "DS010"));
    // a dev container's user is non-root by design (vscode, codespace) and installs with sudo; nothing of it is deployed
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image: its user is non-root and sudo is how it installs tools");
    inPurpose(Purpose.FIXTURE, Severity.LOW, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Sudo s : step.facts().facts(Sudo.class)) {
        report.accept(finding("sudo " + s.invocation().name() + ": use USER instead", s.invocation().command().words().getFirst().span().to(s.invocation().span()), step.stage()));
      }
    }
  }
}
