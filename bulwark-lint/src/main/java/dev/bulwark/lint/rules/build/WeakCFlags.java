package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D016: C/C++ compiled without hardening flags, where the command line is visible. */
public final class WeakCFlags extends DockerfileRule {
  public WeakCFlags() {
    super("BW-D016", "C/C++ compiled without hardening flags", Severity.LOW, Category.BUILD_HARDENING,
        "Without stack protection, FORTIFY_SOURCE, PIE and full RELRO, memory-safety bugs in the binary are far easier"
            + " to turn into code execution.",
        "Compile with `-O2 -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE -pie -Wl,-z,relro,-z,now` (e.g. via CFLAGS/LDFLAGS).",
        List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      Map<String, String> stageEnv = step.env();
      for (Invocation inv : step.facts().invocations()) {
        if (!Set.of("gcc", "g++", "cc", "c++", "clang", "clang++").contains(inv.name()) || inv.args().contains("--version")) {
          continue;
        }
        String all = String.join(" ", inv.args()) + " " + inv.env().getOrDefault("CFLAGS", stageEnv.getOrDefault("CFLAGS", ""));
        if (!all.contains("-fstack-protector") && !all.contains("_FORTIFY_SOURCE")) {
          report.accept(finding(inv.name() + " without -fstack-protector-strong / -D_FORTIFY_SOURCE", inv.span(), step.stage()));
        }
      }
    }
  }
}
