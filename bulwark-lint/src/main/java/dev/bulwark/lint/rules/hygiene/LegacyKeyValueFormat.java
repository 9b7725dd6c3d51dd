package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D099: ENV/LABEL in the legacy space-separated form. */
public final class LegacyKeyValueFormat extends DockerfileRule {
  public LegacyKeyValueFormat() {
    super("BW-D099", "ENV or LABEL in legacy \"key value\" form", Severity.INFO, Category.MAINTAINABILITY,
        "`ENV key value` takes the rest of the line as the value, which surprises readers; the form is deprecated.",
        "Write `ENV key=value`.", List.of("LegacyKeyValueFormat"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Instruction in : target.file().instructions()) {
      if ((in.command().equals("env") || in.command().equals("label")) && in.args().size() == 2) {
        String firstWord = in.rest().split("[\\s]+", 2)[0];
        if (!firstWord.contains("=")) {
          report.accept(finding(in.keyword().toUpperCase(Locale.ROOT) + " " + firstWord + " <value>: use " + firstWord + "=<value>",
              in.span(), target.stageOf(in)));
        }
      }
    }
  }
}
