package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D025: apt (the interactive front end) in a script. */
public final class AptUsed extends DockerfileRule {
  public AptUsed() {
    super("BW-D025", "apt used instead of apt-get", Severity.INFO, Category.RELIABILITY,
        "apt's command-line interface is not stable for scripts and warns so; apt-get's is.",
        "Use `apt-get` (and `apt-cache`) in Dockerfiles.", List.of("DL3027"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.manager() == PackageManager.APT) {
          report.accept(finding("apt " + op.action() + ": use apt-get in scripts", op.invocation().span(), step.stage()));
        }
      }
    }
  }
}
