package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D068: relative WORKDIR. */
public final class RelativeWorkdir extends DockerfileRule {
  public RelativeWorkdir() {
    super("BW-D068", "Relative WORKDIR", Severity.LOW, Category.RELIABILITY,
        "A relative WORKDIR depends on whatever directory the base image left; a base image change moves the app.",
        "Use an absolute path: `WORKDIR /app`.", List.of("DL3000", "DS009", "WorkdirRelativePath"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (var step : stage.steps()) {
        if (step.command() instanceof Command.Workdir w && !w.path().startsWith("/") && !w.path().startsWith("$")
            && !w.path().matches("^[A-Za-z]:[\\\\/].*") && step.state().workdir() == null) {
          report.accept(finding("WORKDIR " + w.path() + " is relative to the base image's directory", w.instruction().argSpan(0), stage));
        }
      }
    }
  }
}
