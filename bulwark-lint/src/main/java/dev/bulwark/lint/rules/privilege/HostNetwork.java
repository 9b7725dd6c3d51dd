package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D064: RUN --network=host. */
public final class HostNetwork extends DockerfileRule {
  public HostNetwork() {
    super("BW-D064", "RUN --network=host", Severity.MEDIUM, Category.PRIVILEGE,
        "The step shares the build host's network namespace: it can reach services bound to the host's localhost and"
            + " metadata endpoints.",
        "Use the default network, or `--network=none` for steps that need no network.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      if ("host".equals(step.run().network())) {
        report.accept(finding("RUN --network=host shares the host's network", step.run().instruction().flagNamed("network").span(), step.stage()));
      }
    }
  }
}
