package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Purpose;
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

/** BW-D006: base image whose distribution or runtime is past its end of life. */
public final class EndOfLifeBase extends DockerfileRule {
  public EndOfLifeBase() {
    super("BW-D006", "End-of-life base image", Severity.HIGH, Category.VULNERABILITIES,
        "Once a distribution or runtime reaches end of life, new vulnerabilities in it are no longer fixed; every scan"
            + " from then on only grows.",
        "Move to a supported release (see https://endoflife.date) and pin it, e.g. `python:3.12-slim` instead of `python:3.8-slim`.",
        List.of(), "https://endoflife.date");
    inPurpose(Purpose.FIXTURE, Severity.LOW, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref == null) {
        continue;
      }
      EolCatalog.get().cycleOf(ref).filter(c -> c.isEndOfLife(target.asOf())).ifPresent(c -> {
        boolean ships = target.inFinalImage(stage);
        String where = ships ? "" : " (build stage: only what it builds ships)";
        if (c.inLts(target.asOf())) {
          // regular support is over but free LTS security updates go on: a plan to move, not a problem yet
          report.accept(finding("FROM " + stage.from().image() + ": " + c.product() + " " + c.cycle() + " left regular security support on "
              + c.eol() + "; Debian LTS updates continue until " + c.lts() + where, stage.from().instruction().argSpan(0), stage)
              .withSeverity(Severity.LOW));
        } else {
          // an end-of-life build stage's unpatched packages stay behind; its compiler's output is what ships
          Finding f = finding("FROM " + stage.from().image() + ": " + c.product() + " " + c.cycle() + " reached end of life"
              + (c.eol() != null ? " on " + (c.lts() != null ? c.lts() + " (end of LTS)" : c.eol()) : "") + where,
              stage.from().instruction().argSpan(0), stage);
          report.accept(ships ? f : f.withSeverity(Severity.LOW));
        }
      });
    }
  }
}
