package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D081: more than one CMD/ENTRYPOINT/HEALTHCHECK in a stage; only the last counts. */
public final class MultipleInstructions extends DockerfileRule {
  public MultipleInstructions() {
    super("BW-D081", "Repeated CMD, ENTRYPOINT or HEALTHCHECK in a stage", Severity.LOW, Category.RELIABILITY,
        "Only the last one takes effect; the earlier ones mislead readers about what the container runs.",
        "Keep one per stage.", List.of("DL4003", "DL4004", "DL3012", "DS007", "DS016", "DS023", "MultipleInstructionsDisallowed"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      Map<String, Integer> seen = new HashMap<>();
      for (Command c : stage.commands()) {
        String kind = c.instruction().command();
        if (kind.equals("cmd") || kind.equals("entrypoint") || kind.equals("healthcheck")) {
          if (seen.merge(kind, 1, Integer::sum) > 1) {
            List<String> aliases = switch (kind) {
              case "cmd" -> List.of("DL4003", "DS016", "MultipleInstructionsDisallowed");
              case "entrypoint" -> List.of("DL4004", "DS007", "MultipleInstructionsDisallowed");
              default -> List.of("DL3012", "DS023", "MultipleInstructionsDisallowed");
            };
            report.accept(finding("another " + kind.toUpperCase(Locale.ROOT) + " in the same stage overrides the earlier one",
                c.instruction().span(), stage).withAliases(aliases));
          }
        }
      }
    }
  }
}
