package dev.bulwark.cli;

import dev.bulwark.core.RuleInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark explain ID}: one rule in full; accepts aliases such as DL3002. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a rule (by Bulwark id or another tool's alias).")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID") String id;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RuleInfo r = RuleCatalog.find(id).orElse(null);
    if (r == null) {
      spec.commandLine().getErr().println("bulwark: no rule or alias named '" + Failures.oneLine(id) + "' (see 'bulwark rules')");
      return ExitCodes.INPUT_ERROR;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(r.id() + "  " + r.title());
    out.println("severity: " + r.severity().label() + "    category: " + r.category());
    if (!r.aliases().isEmpty()) {
      out.println("aliases:  " + String.join(", ", r.aliases()));
    }
    out.println();
    out.println("Why it matters:");
    out.println("  " + r.rationale());
    out.println();
    out.println("How to fix:");
    out.println("  " + r.fix());
    for (String ref : r.references()) {
      out.println("see: " + ref);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
