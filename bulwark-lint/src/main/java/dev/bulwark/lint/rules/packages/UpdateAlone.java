package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.SimpleCommand;
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
    // a stale index in a dev container costs a rebuild, not a shipped vulnerable package
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image, not deployed");
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
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

  /**
   * A RUN that is nothing but the update, merged into the next RUN of the stage when that one
   * installs with the same manager: the update's RUN lines removed, and the update, as written,
   * put before the install with {@code &&}. Only where that keeps what runs: the install starts
   * its script or follows {@code &&} or {@code ;}, alone in its pipeline, at the top level.
   */
  private static Fix mergeIntoNext(DockerfileTarget target, RunStep step, String g) {
    SourceText source = target.file().source();
    Script lone = step.facts().script();
    if (lone.items().size() != 1 || lone.simpleCommands().size() != 1 || step.facts().invocations().size() != 1
        || !(step.run().command() instanceof CommandLine.Shell) || step.onbuild()) {
      return null;
    }
    Span update = lone.simpleCommands().getFirst().span();
    String updateText = source.text().substring(update.startOffset(), update.endOffset());
    Span run = step.run().instruction().span();
    int from = source.lineStart(run.startLine());
    int to = run.endLine() < source.lineCount() ? source.lineStart(run.endLine() + 1) : source.text().length();
    if (updateText.indexOf('\n') >= 0 || !source.text().substring(from, run.startOffset()).isBlank()
        || !source.text().substring(run.endOffset(), to).isBlank() || !step.run().heredocs().isEmpty()) {
      return null;
    }
    RunStep next = null;
    boolean after = false;
    for (RunStep s : target.runs(step.stage())) {
      if (after) {
        next = s;
        break;
      }
      after = s == step;
    }
    if (next == null || next.onbuild() || !(next.run().command() instanceof CommandLine.Shell sh)) {
      return null;
    }
    for (Script.Item item : next.facts().script().items()) {
      List<Script.Pipeline> pipelines = item.andOr().pipelines();
      for (int i = 0; i < pipelines.size(); i++) {
        Script.Pipeline p = pipelines.get(i);
        if (p.commands().size() == 1 && p.commands().getFirst() instanceof SimpleCommand sc && sc.map() == sh.map()) {
          for (PackageOperation op : next.facts().facts(PackageOperation.class)) {
            if (op.invocation().command() == sc && g.equals(group(op.manager())) && INSTALLS.contains(op.action())) {
              boolean joinable = !p.negated() && (i == 0 || item.andOr().operators().get(i - 1).equals("&&"));
              Span at = sc.span();
              return joinable ? Fix.safe("Merge the lone '" + updateText + "' into the install of the next RUN", Edit.delete(source, from, to),
                  Edit.insertBefore(at, updateText + " && ")) : null;
            }
          }
        }
      }
    }
    return null;
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
          Fix merge = g.equals("apt") || g.equals("apk") ? mergeIntoNext(target, step, g) : null;
          report.accept(laterInstall(target, step, g) ? (merge == null ? f : f.withFix(merge))
              : f.withSeverity(Severity.LOW).withMessage(f.message() + " (no later RUN of the stage installs from it: only the layer grows)"));
        }
      }
    }
  }
}
