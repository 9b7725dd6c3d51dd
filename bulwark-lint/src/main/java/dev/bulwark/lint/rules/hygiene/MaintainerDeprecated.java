package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D092: MAINTAINER. */
public final class MaintainerDeprecated extends DockerfileRule {
  public MaintainerDeprecated() {
    super("BW-D092", "MAINTAINER is deprecated", Severity.INFO, Category.MAINTAINABILITY,
        "MAINTAINER was deprecated in favour of labels.", "Use `LABEL org.opencontainers.image.authors=\"name <mail>\"`.",
        List.of("DL4000", "DS022", "MaintainerDeprecated"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Instruction in : target.file().instructions()) {
      if (in.command().equals("maintainer")) {
        report.accept(finding("MAINTAINER is deprecated; use a LABEL", in.span(), target.stageOf(in)));
      }
    }
  }
}
