package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D084: two stages with the same name. */
public final class DuplicateStageName extends DockerfileRule {
  public DuplicateStageName() {
    super("BW-D084", "Duplicate stage name", Severity.HIGH, Category.RELIABILITY,
        "BuildKit refuses duplicate stage names; older builders silently used the last one.",
        "Give every stage a unique name.", List.of("DL3024", "DS012", "DuplicateStageName"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Set<String> seen = new HashSet<>();
    for (Stage stage : target.model().stages()) {
      if (stage.name() != null && !seen.add(stage.name())) {
        report.accept(finding("stage name '" + stage.name() + "' is used twice", stage.from().instruction().span(), stage));
      }
    }
  }
}
