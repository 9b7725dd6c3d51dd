package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-D107: an EXPOSE port past 65535. BuildKit refuses the file (BW-P001 says so too); hadolint
 * (DL3011) and Trivy (DS008) name the mistake itself, and so does this rule, once per port.
 */
public final class ExposePortOutOfRange extends DockerfileRule {
  public ExposePortOutOfRange() {
    super("BW-D107", "EXPOSE port out of range", Severity.MEDIUM, Category.RELIABILITY,
        "TCP, UDP and SCTP ports range from 0 to 65535; BuildKit refuses the Dockerfile, and the port the image means to"
            + " publish is unknown to whoever runs it.",
        "Expose the port the process listens on, between 0 and 65535 (`EXPOSE 8080`).", List.of("DL3011", "DS008"),
        "https://docs.docker.com/reference/dockerfile/#expose");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Expose e : stage.commands(Command.Expose.class)) {
        for (PortSpec p : e.outOfRange()) {
          report.accept(finding("EXPOSE " + p.raw() + ": ports range from 0 to 65535", p.span(), stage));
        }
      }
    }
  }
}
