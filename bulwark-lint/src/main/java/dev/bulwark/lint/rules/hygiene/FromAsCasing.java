package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D097: FROM and AS in different case. */
public final class FromAsCasing extends DockerfileRule {
  public FromAsCasing() {
    super("BW-D097", "FROM and AS in different case", Severity.INFO, Category.MAINTAINABILITY,
        "Mixed keyword casing reads as a mistake.", "Write `FROM … AS …` or `from … as …`.", List.of("FromAsCasing"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.model().stages()) {
      Instruction in = stage.from().instruction();
      if (in.args().size() == 3) {
        String as = in.args().get(1);
        boolean fromUpper = in.keyword().equals(in.keyword().toUpperCase(Locale.ROOT));
        boolean asUpper = as.equals(as.toUpperCase(Locale.ROOT));
        if (fromUpper != asUpper) {
          report.accept(finding("'" + as + "' does not match the case of '" + in.keyword() + "'", in.argSpan(1), stage));
        }
      }
    }
  }
}
