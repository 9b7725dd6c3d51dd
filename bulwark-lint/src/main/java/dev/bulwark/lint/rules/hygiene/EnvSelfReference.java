package dev.bulwark.lint.rules.hygiene;

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
        // One pass over the value for $NAME / ${NAME, looked up in the set: linear in the
        // instruction, where a pattern per defined key was quadratic (10,000 keys, > 60 s).
        Set<String> reported = new HashSet<>();
        for (int at = value.indexOf('$'); at >= 0; at = value.indexOf('$', at + 1)) {
          int start = at + 1 < value.length() && value.charAt(at + 1) == '{' ? at + 2 : at + 1;
          int end = start;
          while (end < value.length() && isNameChar(value.charAt(end))) {
            end++;
          }
          String name = value.substring(start, end);
          if (end > start && defined.contains(name) && reported.add(name)) {
            int stop = end < value.length() && value.charAt(end) == '}' ? end + 1 : end;
            report.accept(finding(in.args().get(i) + " uses $" + name + " from the same ENV, which is not set yet",
                in.subSpan(in.argSpan(i + 1), at, stop), target.stageOf(in)));
          }
        }
        defined.add(in.args().get(i));
      }
    }
  }

  private static boolean isNameChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
  }
}
