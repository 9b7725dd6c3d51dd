package dev.bulwark.core;

import dev.bulwark.core.text.Span;
import java.util.Comparator;
import dev.bulwark.core.fix.Fix;
import java.util.List;
import java.util.Optional;

/**
 * One problem found: which rule, how severe, a message specific to this occurrence, where it is in
 * its target, the scope it is in (a Dockerfile stage's name; null when it concerns the whole target),
 * the other tools' ids for this very occurrence ({@code aliases}: for a rule covering several
 * package managers, only the one that applies, e.g. DL3008 for apt-get), used by suppressions, and
 * the edits that would fix it in place, when the rule knows them, and for a vulnerability the package it is in, as values
 * (tables group by it; empty for every other finding).
 */
public record Finding(RuleInfo rule, Severity severity, String message, Location location, String stage, List<String> aliases,
    Optional<Fix> fix, Optional<VulnerablePackage> vulnerable) {

  /**
   * The order every linter returns findings in: by location; findings in a text file at one position
   * by rule id (as hadolint lists them), image and package findings (which have no position to read
   * in order) most severe first, then by rule id.
   */
  public static final Comparator<Finding> ORDER = new ReportOrder();

  /** {@link #ORDER}, written out: comparator chains are lambdas spun at run time, which start-up pays for. */
  private static final class ReportOrder implements Comparator<Finding> {
    @Override
    public int compare(Finding a, Finding b) {
      int c = Location.ORDER.compare(a.location, b.location);
      if (c == 0 && !(a.location instanceof Location.Text)) {
        c = a.severity.compareTo(b.severity);
      }
      return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
    }
  }

  public Finding {
    aliases = List.copyOf(aliases);
    java.util.Objects.requireNonNull(fix, "fix (Optional.empty() for none)");
    java.util.Objects.requireNonNull(vulnerable, "vulnerable (Optional.empty() for none)");
  }

  public Finding(RuleInfo rule, Severity severity, String message, Location location, String stage, List<String> aliases, Optional<Fix> fix) {
    this(rule, severity, message, location, stage, aliases, fix, Optional.empty());
  }

  public Finding(RuleInfo rule, Severity severity, String message, Location location, String stage, List<String> aliases) {
    this(rule, severity, message, location, stage, aliases, Optional.empty());
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
    return new Finding(rule, s, message, location, stage, aliases, fix, vulnerable);
  }

  public Finding withMessage(String m) {
    return new Finding(rule, severity, m, location, stage, aliases, fix, vulnerable);
  }

  public Finding withAliases(List<String> specific) {
    return new Finding(rule, severity, message, location, stage, specific, fix, vulnerable);
  }

  /** This finding with the edits that fix it. */
  public Finding withFix(Fix f) {
    return new Finding(rule, severity, message, location, stage, aliases, Optional.of(f), vulnerable);
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
