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
import java.util.Set;
import java.util.function.Consumer;

/**
 * BW-D024: an index update that no install follows in the same RUN, as Trivy's DS017 reads it: an
 * {@code update}/{@code up} of apt-get/apt, apk, yum, dnf or zypper is fine when an install of the
 * same manager comes after it; otherwise the RUN is reported once per manager, at its first update.
 */
public final class UpdateAlone extends DockerfileRule {
  /** Trivy's install commands, plus the zypper/dnf short form {@code in}. */
  private static final Set<String> INSTALLS = Set.of("install", "in", "upgrade", "source-install", "reinstall", "groupinstall",
      "localinstall", "add", "dist-upgrade", "full-upgrade");

  public UpdateAlone() {
    super("BW-D024", "Package index update in a RUN without an install", Severity.MEDIUM, Category.RELIABILITY,
        "The layer with the updated index is cached: a later `RUN apt-get install` reuses the stale index and installs"
            + " old, vulnerable versions (or fails when they are gone from the mirror).",
        "Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg`.",
        List.of("DS017"));
  }

  /** apt-get and apt share one index, as in Trivy. */
  private static String group(PackageManager pm) {
    return switch (pm) {
      case APT_GET, APT -> "apt";
      case APK, YUM, DNF, ZYPPER -> pm.command();
      default -> null;
    };
  }

  /** True when a RUN after {@code step} in its stage installs with the manager group {@code g}. */
  private static boolean laterInstall(DockerfileTarget target, RunStep step, String g) {
    boolean after = false;
    for (RunStep later : target.runs(step.stage())) {
      if (later == step) {
        after = true;
        continue;
      }
      if (after) {
        for (PackageOperation op : later.facts().facts(PackageOperation.class)) {
          if (g.equals(group(op.manager())) && INSTALLS.contains(op.action())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      List<PackageOperation> ops = step.facts().facts(PackageOperation.class);
      for (String g : List.of("apt", "apk", "yum", "dnf", "zypper")) {
        PackageOperation firstUpdate = null;
        boolean followed = false;
        for (PackageOperation op : ops) { // facts are in the order the commands run
          if (!g.equals(group(op.manager()))) {
            continue;
          }
          if (op.action().equals("update") || op.action().equals("up")) {
            firstUpdate = firstUpdate == null ? op : firstUpdate;
          } else if (firstUpdate != null && INSTALLS.contains(op.action())) {
            followed = true;
          }
        }
        if (firstUpdate != null && !followed) {
          Finding f = finding(firstUpdate.manager().command() + " " + firstUpdate.action()
              + " without an install after it in the same RUN", firstUpdate.invocation().span(), step.stage());
          // the risk is a later install reusing the stale index; with none, a bigger layer is all that is left
          report.accept(laterInstall(target, step, g) ? f
              : f.withSeverity(Severity.LOW).withMessage(f.message() + " (no later RUN of the stage installs from it: only the layer grows)"));
        }
      }
    }
  }
}
