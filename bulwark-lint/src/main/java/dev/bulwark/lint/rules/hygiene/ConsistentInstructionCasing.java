package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D098: Inconsistent instruction casing. */
public final class ConsistentInstructionCasing extends DockerfileRule {
  public ConsistentInstructionCasing() {
    super("BW-D098", "Inconsistent instruction casing", Severity.INFO, Category.MAINTAINABILITY,
        "Mixing `RUN` and `run` makes the file harder to scan.", "Write every instruction in upper case.",
        List.of("ConsistentInstructionCasing"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    int upper = 0;
    int lower = 0;
    for (Instruction in : target.file().instructions()) {
      if (in.keyword().equals(in.keyword().toUpperCase(Locale.ROOT))) {
        upper++;
      } else if (in.keyword().equals(in.keyword().toLowerCase(Locale.ROOT))) {
        lower++;
      }
    }
    boolean expectUpper = upper >= lower;
    for (Instruction in : target.file().instructions()) {
      String k = in.keyword();
      boolean ok = expectUpper ? k.equals(k.toUpperCase(Locale.ROOT)) : k.equals(k.toLowerCase(Locale.ROOT));
      if (!ok) {
        report.accept(finding(k + " should be written " + (expectUpper ? "in upper case" : "in lower case") + " like the rest",
            in.keywordSpan(), target.stageOf(in)));
      }
    }
  }
}
