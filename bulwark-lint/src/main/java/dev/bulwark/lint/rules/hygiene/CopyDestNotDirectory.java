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

/** BW-D082: COPY of several sources to a destination without a trailing slash. */
public final class CopyDestNotDirectory extends DockerfileRule {
  public CopyDestNotDirectory() {
    super("BW-D082", "COPY of several sources to a destination not ending in /", Severity.MEDIUM, Category.RELIABILITY,
        "With more than one source the destination must be a directory; BuildKit fails the build otherwise.",
        "End the destination with a slash: `COPY a b /app/`.", List.of("DL3021", "DS011"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command c : stage.commandsAndTriggers(Command.class)) {
        List<String> src = c instanceof Command.Copy cp ? cp.sources() : c instanceof Command.Add a ? a.sources() : List.of();
        String dest = c instanceof Command.Copy cp ? cp.destination() : c instanceof Command.Add a ? a.destination() : "";
        String rawDest = c.instruction().args().isEmpty() ? "" : c.instruction().args().getLast();
        // a Windows image's destination may end in a backslash (C:\\Windows\\System32\\): a directory too
        if (src.size() > 1 && !dest.endsWith("/") && !dest.endsWith("\\") && !rawDest.contains("$")) {
          report.accept(finding("several sources but " + dest + " does not end in /", c.instruction().lastArgSpan(), stage));
        }
      }
    }
  }
}
