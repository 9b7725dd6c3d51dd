package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D094: replacing /bin/sh with a symlink. */
public final class LinkBinSh extends DockerfileRule {
  public LinkBinSh() {
    super("BW-D094", "ln changes /bin/sh", Severity.LOW, Category.RELIABILITY,
        "Scripts of the base image expect its /bin/sh; swapping it breaks them in subtle ways.",
        "Use `SHELL [\"/bin/bash\", \"-c\"]` to change the shell of RUN.", List.of("DL4005"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Invocation inv : step.facts().invocations()) {
        if (inv.name().equals("ln") && !inv.args().isEmpty() && inv.args().getLast().equals("/bin/sh")) {
          report.accept(finding("ln replaces /bin/sh; use SHELL", inv.span(), step.stage()));
        }
      }
    }
  }
}
