package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D011: base image that reaches end of life within six months. */
public final class EndOfLifeSoon extends DockerfileRule {
  public EndOfLifeSoon() {
    super("BW-D011", "Base image reaches end of life soon", Severity.LOW, Category.VULNERABILITIES,
        "Security fixes for this release stop within six months; moving now is cheaper than moving under pressure.",
        "Plan the move to the next supported release.", List.of(), "https://endoflife.date");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref == null || !target.inFinalImage(stage)) {
        continue;
      }
      EolCatalog.get().cycleOf(ref)
          .filter(c -> !c.isEndOfLife(target.asOf()) && c.eol() != null && c.eol().isBefore(target.asOf().plusMonths(6)))
          .ifPresent(c -> report.accept(finding("FROM " + stage.from().image() + ": " + c.product() + " " + c.cycle()
              + " reaches end of life on " + c.eol(), stage.from().instruction().argSpan(0), stage)));
    }
  }
}
