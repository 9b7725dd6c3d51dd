package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D009: FROM --platform with a constant. */
public final class ConstantPlatform extends DockerfileRule {
  public ConstantPlatform() {
    super("BW-D009", "FROM --platform set to a constant", Severity.LOW, Category.RELIABILITY,
        "A fixed platform silently builds (and on other hosts emulates) that architecture whatever the build asks for.",
        "Drop the flag, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile.",
        List.of("DL3029", "FromPlatformFlagConstDisallowed"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      String raw = stage.from().instruction().flag("platform");
      if (raw != null && !raw.contains("$")) {
        report.accept(finding("FROM --platform=" + raw + " pins the platform", stage.from().instruction().flagNamed("platform").span(), stage));
      }
    }
  }
}
