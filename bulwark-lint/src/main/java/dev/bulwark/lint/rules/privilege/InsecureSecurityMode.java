package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D063: RUN --security=insecure. */
public final class InsecureSecurityMode extends DockerfileRule {
  public InsecureSecurityMode() {
    super("BW-D063", "RUN --security=insecure", Severity.CRITICAL, Category.PRIVILEGE,
        "The step runs without sandboxing, like a privileged container: full access to the build host's devices and kernel.",
        "Remove `--security=insecure`; if a step truly needs privileges, do it outside the image build.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      if ("insecure".equals(step.run().security())) {
        report.accept(finding("RUN --security=insecure runs this step unsandboxed", step.run().instruction().flagNamed("security").span(), step.stage()));
      }
    }
  }
}
