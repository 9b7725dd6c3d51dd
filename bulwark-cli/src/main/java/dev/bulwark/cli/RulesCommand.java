package dev.bulwark.cli;

import dev.bulwark.core.RuleInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark rules}: the rule catalog. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List every rule with its severity and aliases.")
final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (RuleInfo r : RuleCatalog.infos()) {
      out.printf("%-8s %-8s %s%s%n", r.id(), r.severity().label(), r.title(),
          r.aliases().isEmpty() ? "" : "  (" + String.join(", ", r.aliases()) + ")");
    }
    out.flush();
  }
}
