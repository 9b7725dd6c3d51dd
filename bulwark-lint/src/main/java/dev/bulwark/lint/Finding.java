package dev.bulwark.lint;

import dev.bulwark.dockerfile.syntax.Span;

/**
 * One problem found: which rule, how severe, a message specific to this occurrence, the exact
 * span in the file and the stage it is in (null when it concerns the whole file).
 */
public record Finding(RuleInfo rule, Severity severity, String message, Span span, String stage) {

  public String ruleId() {
    return rule.id();
  }
}
