package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D069: cd in RUN. */
public final class CdInRun extends DockerfileRule {
  public CdInRun() {
    super("BW-D069", "cd in RUN instead of WORKDIR", Severity.INFO, Category.MAINTAINABILITY,
        "A cd lasts only for that RUN; later instructions silently run elsewhere, which hides mistakes.",
        "Use `WORKDIR /path` (or `make -C`, `git -C`) instead of `cd`.", List.of("DL3003", "DS013"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Invocation inv : step.facts().invocations()) {
        if (inv.name().equals("cd") && !inv.command().words().isEmpty()
            && !inv.args().isEmpty() && !inv.args().getFirst().startsWith("/tmp") && !isInSubshell(step, inv)) {
          report.accept(finding("cd " + inv.args().getFirst() + ": use WORKDIR", step.spanOf(inv), step.stage()));
          break;
        }
      }
    }
  }

  private static boolean isInSubshell(RunStep step, Invocation inv) {
    String text = step.run().instruction().original();
    int at = text.indexOf("cd " + inv.args().getFirst());
    return at > 0 && text.lastIndexOf('(', at) > text.lastIndexOf(')', at);
  }
}
