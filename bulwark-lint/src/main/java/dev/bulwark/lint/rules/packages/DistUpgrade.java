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

/** BW-D026: whole-distribution upgrades. */
public final class DistUpgrade extends DockerfileRule {
  public DistUpgrade() {
    super("BW-D026", "dist-upgrade in a Dockerfile", Severity.INFO, Category.RELIABILITY,
        "dist-upgrade may change the distribution release under the base image; pick a newer base image instead.",
        "Use `apt-get upgrade -y` (security updates) or a newer base image tag.", List.of("DL3035", "DS024"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.action().equals("dist-upgrade") || op.action().equals("dup") || op.action().equals("full-upgrade")) {
          report.accept(finding(op.manager().command() + " " + op.action() + " changes more than security fixes",
              op.invocation().argSpan(op.action()), step.stage()).withAliases(op.manager() == PackageManager.ZYPPER ? List.of("DL3035")
              : List.of("DS024")));
        }
      }
    }
  }
}
