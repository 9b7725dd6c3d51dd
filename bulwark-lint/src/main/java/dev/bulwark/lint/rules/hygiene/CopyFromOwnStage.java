package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D083: COPY --from naming the stage it is in. */
public final class CopyFromOwnStage extends DockerfileRule {
  public CopyFromOwnStage() {
    super("BW-D083", "COPY --from refers to its own stage", Severity.HIGH, Category.RELIABILITY,
        "A stage cannot copy from itself; the build fails.", "Name an earlier stage or an image in --from.", List.of("DL3023", "DS006"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Copy cp : stage.commands(Command.Copy.class)) {
        if (cp.from() != null && (cp.from().equalsIgnoreCase(stage.name()) || cp.from().equals(String.valueOf(stage.index())))) {
          report.accept(finding("COPY --from=" + cp.from() + " is the stage it is in", cp.instruction().flagNamed("from").span(), stage));
        }
      }
    }
  }
}
