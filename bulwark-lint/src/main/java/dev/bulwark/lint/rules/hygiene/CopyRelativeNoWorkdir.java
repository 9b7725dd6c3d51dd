package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D086: COPY to a relative destination before any WORKDIR. */
public final class CopyRelativeNoWorkdir extends DockerfileRule {
  public CopyRelativeNoWorkdir() {
    super("BW-D086", "COPY to a relative path with no WORKDIR", Severity.LOW, Category.RELIABILITY,
        "Relative destinations resolve against the base image's working directory, which the Dockerfile does not control.",
        "Set `WORKDIR /app` first, or copy to an absolute path.", List.of("DL3045"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      if (!(stage.base() instanceof dev.bulwark.dockerfile.model.BaseImage.Image)) {
        continue;
      }
      for (var step : stage.steps()) {
        if (step.command() instanceof Command.Copy cp && step.state().workdir() == null && !cp.destination().startsWith("/")
            && !cp.destination().startsWith("$") && !cp.destination().isEmpty() && !cp.destination().matches("^[A-Za-z]:.*")) {
          report.accept(finding("COPY to " + cp.destination() + " before any WORKDIR", cp.instruction().lastArgSpan(), stage));
        }
      }
    }
  }
}
