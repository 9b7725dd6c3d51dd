package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D089: stage names that mean something else. */
public final class ReservedStageName extends DockerfileRule {
  public ReservedStageName() {
    super("BW-D089", "Reserved word used as a stage name", Severity.MEDIUM, Category.RELIABILITY,
        "`scratch` and `context` have fixed meanings in FROM and COPY --from; a stage with that name is never used.",
        "Rename the stage.", List.of("DL3063", "ReservedStageName"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      if ("scratch".equals(stage.name()) || "context".equals(stage.name())) {
        report.accept(finding("'" + stage.name() + "' is reserved", stage.from().instruction().lastArgSpan(), stage));
      }
    }
  }
}
