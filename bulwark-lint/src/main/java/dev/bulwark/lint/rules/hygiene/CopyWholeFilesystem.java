package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D091: copying another stage's whole filesystem. */
public final class CopyWholeFilesystem extends DockerfileRule {
  public CopyWholeFilesystem() {
    super("BW-D091", "COPY of a whole filesystem from another stage", Severity.MEDIUM, Category.ATTACK_SURFACE,
        "Copying / brings everything the other stage had: package managers, shells, caches and secrets used while building.",
        "Copy only the artifacts: `COPY --from=build /out/app /app`.", List.of("DL3067"));
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image");
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (dev.bulwark.dockerfile.model.CopyEdge edge : stage.copyFrom()) {
        Command.Copy cp = edge.copy();
        // a stage built FROM scratch holds only what was put there for copying: taking all of it is the point
        boolean artifactStage = edge.stageIndex() >= 0
            && target.model().stages().get(edge.stageIndex()).base() instanceof dev.bulwark.dockerfile.model.BaseImage.Scratch;
        if (!artifactStage && cp.sources().stream().anyMatch(s -> s.equals("/") || s.equals("/."))) {
          report.accept(finding("COPY --from=" + cp.from() + " / copies the whole filesystem", cp.instruction().span(), stage));
        }
      }
    }
  }
}
