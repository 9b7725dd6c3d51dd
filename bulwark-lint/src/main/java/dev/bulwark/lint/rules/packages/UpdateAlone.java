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

/** BW-D024: an index update in a RUN of its own. */
public final class UpdateAlone extends DockerfileRule {
  public UpdateAlone() {
    super("BW-D024", "Package index update in a RUN without an install", Severity.MEDIUM, Category.RELIABILITY,
        "The layer with the updated index is cached: a later `RUN apt-get install` reuses the stale index and installs"
            + " old, vulnerable versions (or fails when they are gone from the mirror).",
        "Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg`.",
        List.of("DS017"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      List<PackageOperation> ops = step.facts().facts(PackageOperation.class);
      for (PackageOperation op : ops) {
        boolean update = op.action().equals("update") && (op.manager() == PackageManager.APT_GET || op.manager() == PackageManager.APT
            || op.manager() == PackageManager.APK);
        if (update && ops.stream().noneMatch(o -> o.isInstall() || o.isUpgrade())) {
          report.accept(finding(op.manager().command() + " update without an install in the same RUN", op.invocation().span(),
              step.stage()));
        }
      }
    }
  }
}
