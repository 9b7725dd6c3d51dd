package dev.bulwark.lint;

import dev.bulwark.dockerfile.syntax.Span;
import java.util.List;

/**
 * One problem found: which rule, how severe, a message specific to this occurrence, the exact
 * span in the file, the stage it is in (null when it concerns the whole file), and the other
 * tools' ids for this very occurrence ({@code aliases}: for a rule covering several package
 * managers, only the one that applies, e.g. DL3008 for apt-get), used by suppressions.
 */
public record Finding(RuleInfo rule, Severity severity, String message, Span span, String stage, List<String> aliases) {

  public Finding(RuleInfo rule, Severity severity, String message, Span span, String stage) {
    this(rule, severity, message, span, stage, rule.aliases());
  }

  /** A finding at the rule's own severity with all of its aliases. */
  public static Finding of(RuleInfo rule, String message, Span span, String stage) {
    return new Finding(rule, rule.severity(), message, span, stage, rule.aliases());
  }

  public String ruleId() {
    return rule.id();
  }

  public Finding withSeverity(Severity s) {
    return new Finding(rule, s, message, span, stage, aliases);
  }

  public Finding withAliases(List<String> specific) {
    return new Finding(rule, severity, message, span, stage, List.copyOf(specific));
  }

  /** True when {@code name} is this finding's rule id or one of its aliases (case-insensitive). */
  public boolean answersTo(String name) {
    if (rule.id().equalsIgnoreCase(name)) {
      return true;
    }
    for (String a : aliases) {
      if (a.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
