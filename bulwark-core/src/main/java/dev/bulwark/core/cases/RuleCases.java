package dev.bulwark.core.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .cases} format every rule's spec is written in, whatever its target: blocks headed
 * {@code === fail at 3:5 7:9} (one finding of the rule starting at each line:column, in order) or
 * {@code === pass}, optionally followed by {@code severity: low}, {@code config: {yaml}} and
 * {@code context: {yaml}}, then the target's text up to the next header. The rule tests of each
 * target and the generated rule pages (their examples) read it through this one parser.
 */
public final class RuleCases {
  private static final Pattern HEADER =
      Pattern.compile("^=== (pass|fail)(?: at((?: \\d+:\\d+)+))?(?: severity: (\\w+))?(?: config: (\\{.*?\\}))?(?: context: (\\{.*\\}))?$");

  private RuleCases() {}

  /**
   * One case; {@code positions} are the expected findings' starts as "line:column" (empty when not
   * given), {@code index} its 1-based place in the file.
   */
  public record Case(boolean fail, List<String> positions, String severity, String config, String context, String body, int index) {
    public Case {
      positions = List.copyOf(positions);
    }

    /** No severity, config or context: the case stands on its text alone (what a rule page shows). */
    public boolean plain() {
      return severity == null && config == null && context == null;
    }
  }

  /** The cases of a file's text, in order. A line that starts like a header but is not one is an error, not text. */
  public static List<Case> parse(String text) {
    List<Case> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Matcher current = null;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i <= lines.length; i++) {
      Matcher m = i < lines.length ? HEADER.matcher(lines[i]) : null;
      if (i == lines.length || m.matches()) {
        if (current != null) {
          List<String> positions = current.group(2) == null ? List.of() : List.of(current.group(2).strip().split(" "));
          out.add(new Case(current.group(1).equals("fail"), positions, current.group(3), current.group(4), current.group(5), body.toString(),
              out.size() + 1));
        }
        current = m;
        body.setLength(0);
      } else if (lines[i].startsWith("=== ")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a case header: " + lines[i]);
      } else if (current != null) {
        body.append(lines[i]).append('\n');
      }
    }
    return out;
  }
}
