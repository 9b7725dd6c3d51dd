package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** BW-D015: cargo build without --release / --locked. */
public final class WeakRustBuildFlags extends DockerfileRule {
  public WeakRustBuildFlags() {
    super("BW-D015", "cargo build without --release and --locked", Severity.LOW, Category.BUILD_HARDENING,
        "A debug build ships debug assertions, symbols and no optimisation; without --locked cargo may resolve dependency"
            + " versions other than Cargo.lock's.",
        "`RUN cargo build --release --locked`.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (ShellFact.Compile c : step.facts().facts(ShellFact.Compile.class)) {
        if (!c.tool().equals("cargo")) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        if (!c.args().contains("--release") && !c.args().contains("-r") && c.args().stream().noneMatch(a -> a.startsWith("--profile"))) {
          missing.add("--release");
        }
        if (!c.args().contains("--locked") && !c.args().contains("--frozen")) {
          missing.add("--locked");
        }
        if (!missing.isEmpty()) {
          report.accept(finding("cargo build without " + String.join(" and ", missing), c.invocation().span(), step.stage()));
        }
      }
    }
  }
}
