package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D023: installs that would stop at an interactive prompt. */
public final class NonInteractiveFlagMissing extends DockerfileRule {
  public NonInteractiveFlagMissing() {
    super("BW-D023", "Package install without the non-interactive flag", Severity.LOW, Category.RELIABILITY,
        "Without -y the package manager asks for confirmation; a build has no terminal, so it aborts (or waits).",
        "Add `-y` (`apt-get`, `yum`, `dnf`, `microdnf`) or `-n`/`--non-interactive` (`zypper`).",
        List.of("DL3014", "DS021", "DL3030", "DL3034", "DL3038"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        Invocation inv = op.invocation();
        boolean install = op.isInstall() || op.isUpgrade() || op.action().equals("remove") || op.action().equals("purge");
        String alias = switch (op.manager()) {
          case APT_GET, APT -> inv.hasFlag("-y", "--yes", "--assume-yes", "-qq") ? null : "DL3014";
          case YUM -> inv.hasFlag("-y", "--assumeyes") ? null : "DL3030";
          case DNF, MICRODNF -> inv.hasFlag("-y", "--assumeyes") || op.manager() == PackageManager.MICRODNF ? null : "DL3038";
          case ZYPPER -> inv.hasFlag("-n", "--non-interactive", "-y", "--no-confirm") ? null : "DL3034";
          default -> null;
        };
        if (install && alias != null) {
          report.accept(finding(op.manager().command() + " " + op.action() + " without a non-interactive flag (-y)",
              inv.span(), step.stage()).withAliases(alias.equals("DL3014") ? List.of("DL3014", "DS021") : List.of(alias)));
        }
      }
    }
  }
}
