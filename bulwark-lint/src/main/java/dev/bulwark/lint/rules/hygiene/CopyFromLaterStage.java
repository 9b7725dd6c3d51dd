package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.CopyEdge;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-D108: {@code COPY --from} naming a stage defined further down. BuildKit builds it (it orders
 * stages by their dependencies), but the file no longer reads top to bottom and the legacy builder
 * takes the name for an image to pull. hadolint's DL3022 reports it; a name that is no stage at all
 * is an image reference BuildKit pulls, and is not reported here.
 */
public final class CopyFromLaterStage extends DockerfileRule {
  public CopyFromLaterStage() {
    super("BW-D108", "COPY --from refers to a later stage", Severity.LOW, Category.MAINTAINABILITY,
        "BuildKit resolves the name against every stage, but readers and the legacy builder expect stages to be defined"
            + " before they are copied from; the legacy builder tries to pull an image of that name instead.",
        "Move the stage above the COPY that uses it.", List.of("DL3022"),
        "https://docs.docker.com/build/building/multi-stage/");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    List<Stage> stages = target.model().stages();
    for (Stage stage : stages) {
      for (CopyEdge e : stage.copyFrom()) {
        if (e.stageIndex() > stage.index()) {
          Stage later = stages.get(e.stageIndex());
          report.accept(finding("COPY --from=" + e.from() + " names a stage defined later, on line "
              + later.from().instruction().startLine(), e.copy().instruction().flagNamed("from").span(), stage));
        }
      }
    }
  }
}
