package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.CopySources;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D106: an archive copied in and then unpacked. */
public final class ArchiveCopiedThenExtracted extends DockerfileRule {
  public ArchiveCopiedThenExtracted() {
    super("BW-D106", "Archive copied and then extracted", Severity.INFO, Category.ATTACK_SURFACE,
        "The archive stays in the COPY layer even after extraction, doubling the size it adds.",
        "Extract with a bind mount: `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar xzf /tmp/app.tar.gz -C /opt`.",
        List.of("DL3010"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      Set<String> archives = new HashSet<>();
      for (Command.Copy cp : stage.commands(Command.Copy.class)) {
        for (String s : cp.sources()) {
          if (CopySources.isArchive(s)) {
            archives.add(s.substring(s.lastIndexOf('/') + 1));
          }
        }
      }
      if (archives.isEmpty()) {
        continue;
      }
      for (RunStep step : target.runs(stage)) {
        for (Invocation inv : step.facts().invocations()) {
          if ((inv.name().equals("tar") || inv.name().equals("unzip")) && inv.args().stream().anyMatch(a -> archives.stream().anyMatch(a::endsWith))) {
            report.accept(finding("the archive is copied, then extracted; its layer keeps a second copy", inv.span(), stage));
          }
        }
      }
    }
  }
}
