package dev.bulwark.core;

import dev.bulwark.core.text.Span;
import java.util.Comparator;
import java.util.List;

/**
 * One problem found: which rule, how severe, a message specific to this occurrence, where it is in
 * its target, the scope it is in (a Dockerfile stage's name; null when it concerns the whole target),
 * and the other tools' ids for this very occurrence ({@code aliases}: for a rule covering several
 * package managers, only the one that applies, e.g. DL3008 for apt-get), used by suppressions.
 */
public record Finding(RuleInfo rule, Severity severity, String message, Location location, String stage, List<String> aliases) {

  /** The order every linter returns findings in: by location, then rule id. */
  public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::location, Location.ORDER).thenComparing(Finding::ruleId);

  public Finding {
    aliases = List.copyOf(aliases);
  }

  public Finding(RuleInfo rule, Severity severity, String message, Span span, String stage) {
    this(rule, severity, message, new Location.Text(span), stage, rule.aliases());
  }

  /** A finding in a text target at the rule's own severity with all of its aliases. */
  public static Finding of(RuleInfo rule, String message, Span span, String stage) {
    return new Finding(rule, rule.severity(), message, new Location.Text(span), stage, rule.aliases());
  }

  /** A finding at {@code location} at the rule's own severity with all of its aliases. */
  public static Finding at(RuleInfo rule, String message, Location location) {
    return new Finding(rule, rule.severity(), message, location, null, rule.aliases());
  }

  public String ruleId() {
    return rule.id();
  }

  /**
   * The text range of a finding in a text target. Image and SBOM findings have none: callers that
   * may see them switch on {@link #location()} instead.
   */
  public Span span() {
    if (location instanceof Location.Text t) {
      return t.span();
    }
    throw new IllegalStateException(rule.id() + " is not in a text file: " + location);
  }

  /** The first line of a text finding, 0 for findings that are not in a text file. */
  public int line() {
    return location instanceof Location.Text t ? t.span().startLine() : 0;
  }

  public Finding withSeverity(Severity s) {
    return new Finding(rule, s, message, location, stage, aliases);
  }

  public Finding withAliases(List<String> specific) {
    return new Finding(rule, severity, message, location, stage, specific);
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
