package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-D104: LABEL keys that are not valid; BW-D105 empty label values. */
public final class LabelProblems extends DockerfileRule {
  private static final Pattern KEY = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$");

  public LabelProblems() {
    super("BW-D104", "Invalid or empty LABEL", Severity.INFO, Category.MAINTAINABILITY,
        "Label keys should be lower-case reverse-DNS names (org.opencontainers.image.*); empty values carry no information"
            + " and break tools that read them.",
        "Use keys like `org.opencontainers.image.source` and give every label a value.", List.of("DL3048", "DL3051"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Label l : stage.commands(Command.Label.class)) {
        for (var kv : l.pairs()) {
          if (!KEY.matcher(kv.key()).matches() || kv.key().contains("..") || kv.key().startsWith("com.docker.")
              || kv.key().startsWith("io.docker.") || kv.key().startsWith("org.dockerproject.")) {
            report.accept(finding("label key '" + kv.key() + "' is not a valid lower-case reverse-DNS key", kv.keySpan(), stage)
                .withAliases(List.of("DL3048")));
          } else if (kv.value().isBlank()) {
            report.accept(finding("label '" + kv.key() + "' has an empty value", kv.keySpan(), stage)
                .withAliases(List.of("DL3051")));
          }
        }
      }
    }
  }
}
