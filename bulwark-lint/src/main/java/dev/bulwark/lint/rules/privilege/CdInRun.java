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
      List<Invocation> invocations = step.facts().invocations();
      String tree = null; // the last directory cd entered that this RUN removes later
      for (int i = 0; i < invocations.size(); i++) {
        Invocation inv = invocations.get(i);
        if (!inv.name().equals("cd") || inv.command().words().isEmpty() || inv.args().isEmpty() || inv.args().getFirst().startsWith("/tmp")) {
          continue;
        }
        String dir = inv.args().getFirst();
        if (removedLater(invocations, i, dir)) {
          tree = dir;
          continue;
        }
        if (tree != null && (leaves(tree, dir) || isRelative(dir))) {
          continue; // cd / (or cd -, cd ..) out of that tree before removing it, or cd into a folder of it
        }
        inSubshell = inSubshell == null ? inSubshell(step.facts().script()) : inSubshell;
        if (!inSubshell.contains(inv.command())) {
          report.accept(finding("cd " + inv.args().getFirst() + ": use WORKDIR", inv.span(), step.stage()));
          break;
        }
      }
    }
  }

  /**
   * True when a later {@code rm -r} of the same RUN removes {@code dir} or a directory above it: a
   * source tree unpacked, built and deleted in one RUN (docker-library's {@code cd /usr/src/python; …;
   * rm -rf /usr/src/python}), where a WORKDIR would leave the image's working directory deleted.
   */
  private static boolean removedLater(List<Invocation> invocations, int cd, String dir) {
    String target = trimSlashes(dir);
    for (int i = cd + 1; i < invocations.size(); i++) {
      Invocation rm = invocations.get(i);
      if (!rm.name().equals("rm") || !rm.hasFlag("-r", "-R", "--recursive")) {
        continue;
      }
      for (String arg : rm.args()) {
        String removed = trimSlashes(arg);
        if (!arg.startsWith("-") && !removed.isEmpty() && (target.equals(removed) || target.startsWith(removed + "/"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code cd dir} goes back out of {@code tree}: to /, to the previous directory, up, or to a directory above it. */
  private static boolean leaves(String tree, String dir) {
    String d = trimSlashes(dir);
    return d.equals("/") || d.equals("-") || d.replace("../", "").equals("..") || trimSlashes(tree).startsWith(d + "/");
  }

  private static boolean isRelative(String dir) {
    return !dir.startsWith("/") && !dir.startsWith("$") && !dir.startsWith("~");
  }

  private static String trimSlashes(String path) {
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
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
