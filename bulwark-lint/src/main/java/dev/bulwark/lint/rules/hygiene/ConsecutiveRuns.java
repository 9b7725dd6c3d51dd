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

/** BW-D088: consecutive RUN instructions. */
public final class ConsecutiveRuns extends DockerfileRule {
  public ConsecutiveRuns() {
    super("BW-D088", "Consecutive RUN instructions", Severity.INFO, Category.MAINTAINABILITY,
        "Each RUN is a layer; files deleted in a later RUN still ship in the earlier one.",
        "Join related commands with `&&` in one RUN (or use a heredoc).", List.of("DL3059"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      Command prev = null;
      for (Command c : stage.commands()) {
        if (c instanceof Command.Run r && prev instanceof Command.Run p && r.mounts().equals(p.mounts()) && r.heredocs().isEmpty()
            && p.heredocs().isEmpty() && r.instruction().comments().isEmpty()) {
          report.accept(finding("this RUN could be merged with the previous one", r.instruction().span(), stage));
        }
        prev = c;
      }
    }
  }
}
