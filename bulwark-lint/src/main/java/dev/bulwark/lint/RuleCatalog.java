package dev.bulwark.lint;

import dev.bulwark.lint.rules.Rules;
import java.util.List;
import java.util.Optional;

/** Every rule Bulwark ships, and lookup by id or alias. */
public final class RuleCatalog {
  /** BuildKit would refuse the file. */
  public static final RuleInfo PARSE_ERROR = new RuleInfo(
      "BW-P001",
      "Dockerfile does not parse",
      Severity.HIGH,
      "syntax",
      "BuildKit refuses this Dockerfile, so the image cannot be built as written; other findings may be incomplete.",
      "Fix the syntax error at the reported line.",
      List.of("DL1000"),
      List.of("https://docs.docker.com/reference/dockerfile/"));

  /** BuildKit accepts the file but warns. */
  public static final RuleInfo PARSE_WARNING = new RuleInfo(
      "BW-P002",
      "Dockerfile parser warning",
      Severity.LOW,
      "syntax",
      "BuildKit builds this but warns; such constructs are deprecated or likely mistakes.",
      "Follow the message, e.g. remove empty lines inside a continued instruction.",
      List.of("NoEmptyContinuation"),
      List.of("https://docs.docker.com/reference/build-checks/"));

  private static final List<Rule> RULES = Rules.all();

  private RuleCatalog() {}

  public static List<Rule> rules() {
    return RULES;
  }

  /** All rule entries (Dockerfile, context, parse and image rules), in id order. */
  public static List<RuleInfo> infos() {
    List<RuleInfo> out = new java.util.ArrayList<>();
    for (Rule r : RULES) {
      out.add(r.info());
    }
    for (ImageRule r : dev.bulwark.lint.rules.ImageChecks.all()) {
      out.add(r.info());
    }
    out.add(PARSE_ERROR);
    out.add(PARSE_WARNING);
    out.sort(java.util.Comparator.comparing(RuleInfo::id));
    return out;
  }

  /** The rule with this id or alias ({@code BW-D001}, {@code DL3002}). */
  public static Optional<RuleInfo> find(String idOrAlias) {
    return infos().stream().filter(i -> i.answersTo(idOrAlias)).findFirst();
  }
}
