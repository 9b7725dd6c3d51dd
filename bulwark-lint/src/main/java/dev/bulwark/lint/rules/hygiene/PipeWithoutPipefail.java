package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D095: a pipe without pipefail hides failures on the left. */
public final class PipeWithoutPipefail extends DockerfileRule {
  public PipeWithoutPipefail() {
    super("BW-D095", "Pipe in RUN without pipefail", Severity.LOW, Category.RELIABILITY,
        "`/bin/sh -c` reports only the last command's status: `curl … | tar x` succeeds even when the download failed,"
            + " and the image is built from partial data.",
        "Start with `set -o pipefail &&` under bash, or `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`.", List.of("DL4006"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      if (step.facts().setsPipefail() || step.run().command() instanceof dev.bulwark.dockerfile.model.CommandLine.Exec) {
        continue;
      }
      var shell = step.run().command() instanceof dev.bulwark.dockerfile.model.CommandLine.Shell s ? s.shell() : List.<String>of();
      if (shell.contains("pipefail")) {
        continue;
      }
      for (var p : step.facts().script().pipelines()) {
        if (p.commands().size() > 1) {
          report.accept(finding("a pipeline without pipefail ignores failures before the last command", where(p, step),
              step.stage()));
          break;
        }
      }
    }
  }

  /** The pipeline as written (in a heredoc body, on its own line), else the RUN. */
  private static Span where(Script.Pipeline p, RunStep step) {
    if (p.commands().getFirst() instanceof SimpleCommand first) {
      int end = p.commands().getLast() instanceof SimpleCommand last ? last.end() : first.end();
      return first.map().span(first.start(), end);
    }
    return step.run().instruction().span();
  }
}
