package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D014: Go binaries built without the usual hardening and reproducibility flags. */
public final class WeakGoBuildFlags extends DockerfileRule {
  public WeakGoBuildFlags() {
    super("BW-D014", "Go build without CGO_ENABLED=0, -trimpath and -ldflags \"-s -w\"", Severity.LOW, Category.BUILD_HARDENING,
        "With cgo on, the binary links libc dynamically, so it cannot run on scratch/distroless-static and carries libc's"
            + " CVEs; without -trimpath it embeds build paths; without -s -w it ships symbol tables that help reverse"
            + " engineering and inflate the image.",
        "`RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/app ./cmd/app`.", List.of());
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      Map<String, String> stageEnv = step.env();
      for (ShellFact.Compile c : step.facts().facts(ShellFact.Compile.class)) {
        if (!c.tool().equals("go")) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        String cgo = c.env().getOrDefault("CGO_ENABLED", stageEnv.get("CGO_ENABLED"));
        if (!"0".equals(cgo)) {
          missing.add("CGO_ENABLED=0");
        }
        String goflags = c.env().getOrDefault("GOFLAGS", stageEnv.getOrDefault("GOFLAGS", ""));
        if (!c.args().contains("-trimpath") && !goflags.contains("-trimpath")) {
          missing.add("-trimpath");
        }
        if (!stripsSymbols(c.invocation()) && !goflags.contains("-ldflags")) {
          missing.add("-ldflags \"-s -w\"");
        }
        if (!missing.isEmpty()) {
          report.accept(finding("go build without " + String.join(", ", missing), c.invocation().span(), step.stage()));
        }
      }
    }
  }

  /** True when the -ldflags value holds -s and -w as words of their own (not inside "-o app-server-web"). */
  private static boolean stripsSymbols(Invocation go) {
    String value = go.flagValue("-ldflags", "--ldflags");
    if (value == null) {
      return false;
    }
    List<String> words = List.of(value.trim().split("\\s+"));
    return words.contains("-s") && words.contains("-w");
  }
}
