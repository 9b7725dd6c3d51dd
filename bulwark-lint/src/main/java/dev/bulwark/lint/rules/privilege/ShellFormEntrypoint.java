package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D067: shell-form CMD/ENTRYPOINT. */
public final class ShellFormEntrypoint extends DockerfileRule {
  public ShellFormEntrypoint() {
    super("BW-D067", "CMD or ENTRYPOINT in shell form", Severity.LOW, Category.RUNTIME,
        "Shell form runs the program under `/bin/sh -c`: the shell is PID 1 and does not forward SIGTERM, so stops wait"
            + " for the kill timeout and in-flight work is cut off; it also needs a shell in the image.",
        "Use exec form: `CMD [\"/app\", \"--port\", \"8080\"]`.", List.of("DL3025", "JSONArgsRecommended"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command c : stage.commands()) {
        CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
        if (line instanceof CommandLine.Shell sh && !sh.script().isBlank()) {
          report.accept(finding(c.instruction().keyword().toUpperCase() + " in shell form: signals do not reach the process",
              c.instruction().span(), stage));
        }
      }
    }
  }
}
