package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D080: tools that make no sense inside a container. */
public final class PointlessTools extends DockerfileRule {
  private static final Set<String> TOOLS = Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig");

  public PointlessTools() {
    super("BW-D080", "Command that has no effect in a container build", Severity.INFO, Category.MAINTAINABILITY,
        "Interactive or system-management tools (service, shutdown, vim, top, mount) do nothing useful in a build step"
            + " and usually signal a misunderstanding of how the image runs.",
        "Remove the command; configure services through the image's ENTRYPOINT/CMD.", List.of("DL3001"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Invocation inv : step.facts().invocations()) {
        if (TOOLS.contains(inv.name())) {
          report.accept(finding(inv.name() + " has no place in a build step", inv.span(), step.stage()));
        }
      }
    }
  }
}
