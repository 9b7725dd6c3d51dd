package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.ShellCommand;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D069: cd in RUN. */
public final class CdInRun extends DockerfileRule {
  public CdInRun() {
    super("BW-D069", "cd in RUN instead of WORKDIR", Severity.INFO, Category.MAINTAINABILITY,
        "A cd lasts only for that RUN; later instructions silently run elsewhere, which hides mistakes.",
        "Use `WORKDIR /path` (or `make -C`, `git -C`) instead of `cd`.", List.of("DL3003", "DS013"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      Set<SimpleCommand> inSubshell = null; // found once per RUN, and only when it has a cd
      for (Invocation inv : step.facts().invocations()) {
        if (!inv.name().equals("cd") || inv.command().words().isEmpty() || inv.args().isEmpty() || inv.args().getFirst().startsWith("/tmp")) {
          continue;
        }
        inSubshell = inSubshell == null ? inSubshell(step.facts().script()) : inSubshell;
        if (!inSubshell.contains(inv.command())) {
          report.accept(finding("cd " + inv.args().getFirst() + ": use WORKDIR", inv.span(), step.stage()));
          break;
        }
      }
    }
  }

  /** The simple commands inside {@code ( … )}, where a cd ends with the subshell. */
  private static Set<SimpleCommand> inSubshell(Script script) {
    Set<SimpleCommand> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Script.Pipeline p : script.pipelines()) {
      for (ShellCommand c : p.commands()) {
        if (c instanceof ShellCommand.Subshell sub) {
          sub.body().visit(out::add);
        }
      }
    }
    return out;
  }
}
