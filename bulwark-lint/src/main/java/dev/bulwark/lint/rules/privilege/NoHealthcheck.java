package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.purpose.PurposeInference;
import java.util.List;
import java.util.function.Consumer;

/** BW-D066: no HEALTHCHECK for a long-running service. */
public final class NoHealthcheck extends DockerfileRule {
  public NoHealthcheck() {
    super("BW-D066", "No HEALTHCHECK", Severity.LOW, Category.RUNTIME,
        "Without a health check, Docker and Compose keep routing to a container whose process is alive but hung.",
        "Add `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (or rely on Kubernetes probes and say"
            + " so with `# bulwark ignore=BW-D066`).",
        List.of("DS026", "DL3057"));
    inPurpose(Purpose.BASE, null, "");
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null || last.healthcheck() != null) {
      return;
    }
    // An image that sets no CMD or ENTRYPOINT still runs its parent's (FROM nginx + a config file is a server, as Trivy
    // and hadolint judge it); only a scratch image with no command is files to export or copy from, which nothing runs.
    boolean runs = last.cmd() != null || last.entrypoint() != null
        || !(PurposeInference.rootBase(target.model(), last) instanceof BaseImage.Scratch);
    if (runs) {
      report.accept(finding("the final stage sets no HEALTHCHECK", last.from().instruction().span(), last));
    }
  }
}
