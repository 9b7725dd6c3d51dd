package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D096/097/098: casing consistency checks from BuildKit. */
public final class StageNameCasing extends DockerfileRule {
  public StageNameCasing() {
    super("BW-D096", "Stage name not lower case", Severity.INFO, Category.MAINTAINABILITY,
        "Stage names are matched case-insensitively; mixed case suggests a distinction that does not exist.",
        "Write stage names in lower case.", List.of("StageNameCasing"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      List<String> args = stage.from().instruction().args();
      if (args.size() == 3 && !args.get(2).equals(args.get(2).toLowerCase(Locale.ROOT))) {
        report.accept(finding("stage name '" + args.get(2) + "' should be lower case", stage.from().instruction().argSpan(2), stage));
      }
    }
  }
}
