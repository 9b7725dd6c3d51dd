package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D005: packages installed on a distro base with no security upgrade. */
public final class NoSecurityUpdates extends DockerfileRule {
  public NoSecurityUpdates() {
    super("BW-D005", "OS packages installed without applying security updates", Severity.LOW, Category.VULNERABILITIES,
        "The base image's packages are as old as its last rebuild; without an upgrade the image ships every CVE fixed since.",
        "Upgrade in the same RUN as the install (`apk upgrade --no-cache`, `apt-get upgrade -y`), or rebuild on a"
            + " freshly published base image tag.",
        List.of());
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null) {
      return;
    }
    PackageOperation firstInstall = null;
    RunStep where = null;
    boolean upgraded = false;
    for (RunStep step : target.runs()) {
      if (step.onbuild() || !target.inFinalImage(step.stage())) { // a trigger updates a child image, not this one
        continue;
      }
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (!op.manager().isOsPackageManager()) {
          continue;
        }
        upgraded |= op.isUpgrade() || (op.isInstall() && op.invocation().hasFlag("--upgrade", "-u") && op.manager() == ShellFact.PackageManager.APK);
        if (op.isInstall() && firstInstall == null) {
          firstInstall = op;
          where = step;
        }
      }
    }
    if (firstInstall != null && !upgraded) {
      report.accept(finding(firstInstall.manager().command() + " installs packages but the image never applies security updates",
          firstInstall.invocation().span(), where.stage()));
    }
  }
}
