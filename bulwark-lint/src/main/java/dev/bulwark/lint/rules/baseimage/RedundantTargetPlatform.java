package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D010: --platform=$TARGETPLATFORM, which is the default anyway. */
public final class RedundantTargetPlatform extends DockerfileRule {
  public RedundantTargetPlatform() {
    super("BW-D010", "Redundant --platform=$TARGETPLATFORM", Severity.INFO, Category.MAINTAINABILITY,
        "The target platform is already the default for FROM; the flag only adds noise.",
        "Remove `--platform=$TARGETPLATFORM`.", List.of("DL3065", "RedundantTargetPlatform"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      String raw = stage.from().instruction().flag("platform");
      if (raw != null && (raw.equals("$TARGETPLATFORM") || raw.equals("${TARGETPLATFORM}"))) {
        report.accept(finding("--platform=" + raw + " is the default", stage.from().instruction().flagNamed("platform").span(), stage));
      }
    }
  }
}
