package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D008: FROM an image outside the configured allow-list. */
public final class BaseImageNotAllowed extends DockerfileRule {
  public BaseImageNotAllowed() {
    super("BW-D008", "Base image not in the allowed list", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "Teams standardise on a few maintained, scanned base images; others are not patched on the same schedule.",
        "Use one of the images in `allowedBaseImages` (.bulwark.yaml), or add this one after review.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    List<String> allowed = target.config().allowedBaseImages();
    if (allowed.isEmpty()) {
      return;
    }
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref != null && allowed.stream().noneMatch(a -> LintConfig.globMatches(a, ref.familiarName()) || LintConfig.globMatches(a, ref.name()))) {
        report.accept(finding("FROM " + ref.familiarName() + " is not in allowedBaseImages", stage.from().instruction().argSpan(0), stage));
      }
    }
  }
}
