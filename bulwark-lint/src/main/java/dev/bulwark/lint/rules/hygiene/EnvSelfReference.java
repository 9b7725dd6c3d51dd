package dev.bulwark.lint.rules.hygiene;

import java.util.regex.Matcher;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-D085: ENV using a variable set in the same ENV instruction. */
public final class EnvSelfReference extends DockerfileRule {
  public EnvSelfReference() {
    super("BW-D085", "ENV uses a variable defined in the same instruction", Severity.LOW, Category.RELIABILITY,
        "Values in one ENV are expanded with the environment from before it: `ENV A=1 B=$A` does not set B to 1.",
        "Split into two ENV instructions.", List.of("DL3044"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Instruction in : target.file().instructions()) {
      if (!in.command().equals("env") || in.args().size() < 4) {
        continue;
      }
      Set<String> defined = new HashSet<>();
      for (int i = 0; i + 1 < in.args().size(); i += 2) {
        String value = in.args().get(i + 1);
        for (String d : defined) {
          Matcher ref = Pattern.compile("\\$\\{?" + Pattern.quote(d) + "(?![A-Za-z0-9_])\\}?").matcher(value);
          if (ref.find()) {
            report.accept(finding(in.args().get(i) + " uses $" + d + " from the same ENV, which is not set yet",
                in.subSpan(in.argSpan(i + 1), ref.start(), ref.end()),
                target.stageOf(in)));
          }
        }
        defined.add(in.args().get(i));
      }
    }
  }
}
