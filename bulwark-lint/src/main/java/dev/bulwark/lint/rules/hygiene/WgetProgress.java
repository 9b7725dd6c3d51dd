package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.Download;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D087: wget printing progress bars into the build log. */
public final class WgetProgress extends DockerfileRule {
  public WgetProgress() {
    super("BW-D087", "wget without --progress or -q", Severity.INFO, Category.MAINTAINABILITY,
        "wget's progress output floods build logs.", "Add `-q` or `--progress=dot:giga`.", List.of("DL3047"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Download d : step.facts().facts(Download.class)) {
        Invocation inv = d.invocation();
        if (inv.name().equals("wget") && !inv.hasFlag("-q", "--quiet", "-nv", "--no-verbose") && inv.args().stream().noneMatch(a -> a.startsWith("--progress"))) {
          report.accept(finding("wget without --progress or -q", inv.span(), step.stage()));
        }
      }
    }
  }
}
