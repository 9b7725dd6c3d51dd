package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.FixEdits;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D021: apt installs recommended packages. */
public final class NoInstallRecommends extends DockerfileRule {
  public NoInstallRecommends() {
    super("BW-D021", "apt-get install without --no-install-recommends", Severity.LOW, Category.ATTACK_SURFACE,
        "Recommended packages are not needed to run the software; they add binaries, libraries and CVEs to every image.",
        "Add `--no-install-recommends` to `apt-get install`.", List.of("DL3015", "DS029"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if ((op.manager() == PackageManager.APT_GET || op.manager() == PackageManager.APT) && op.isInstall()
            && !op.invocation().hasFlag("--no-install-recommends") && !hasOption(op.invocation(), "APT::Install-Recommends")) {
          Finding f = finding(op.manager().command() + " install pulls in recommended packages", op.invocation().span(), step.stage());
          Edit add = FixEdits.insertAfterArg(target.file().source(), op.invocation(), op.action(), " --no-install-recommends");
          report.accept(add == null ? f : f.withFix(Fix.safe("Add --no-install-recommends to " + op.manager().command() + " install", add)));
        }
      }
    }
  }

  private static boolean hasOption(Invocation inv, String key) {
    for (String a : inv.args()) {
      if (a.contains(key) && (a.endsWith("false") || a.endsWith("0"))) {
        return true;
      }
    }
    return false;
  }
}
