package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D093: both wget and curl installed or used. */
public final class WgetAndCurl extends DockerfileRule {
  public WgetAndCurl() {
    super("BW-D093", "Both wget and curl used", Severity.INFO, Category.ATTACK_SURFACE,
        "Two download tools where one would do: more packages, more CVEs.", "Pick one of curl or wget.", List.of("DL4001", "DS014"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      Invocation curl = null;
      Invocation wget = null;
      RunStep wgetStep = null;
      for (RunStep step : target.runs(stage)) {
        for (Invocation inv : step.facts().invocations()) {
          if (inv.name().equals("curl") && curl == null) {
            curl = inv;
          }
          if (inv.name().equals("wget") && wget == null) {
            wget = inv;
            wgetStep = step;
          }
        }
      }
      if (curl != null && wget != null) {
        report.accept(finding("stage uses both curl and wget", wget.span(), stage));
      }
    }
  }
}
