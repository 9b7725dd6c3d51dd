package dev.bulwark.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule engine for every kind of target: runs the rules, drops what the target's pragmas and
 * the project config ignore, applies the config's severity overrides, and returns the findings in
 * {@link Finding#ORDER}.
 */
public final class Linter<T extends Target> {
  private final List<Rule<? super T>> rules;

  public Linter(List<? extends Rule<? super T>> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule<? super T>> rules() {
    return rules;
  }

  public List<Finding> lint(T target) {
    List<Finding> out = new ArrayList<>();
    for (Rule<? super T> r : rules) {
      r.check(target, out::add);
    }
    adjustForPurpose(out, target);
    Suppressions pragmas = target.suppressions();
    LintConfig config = target.config();
    out.removeIf(f -> pragmas.suppresses(f) || config.ignores(f, target.relativePath()));
    out.replaceAll(f -> f.withSeverity(config.severityOf(f)));
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /** Drops or re-grades the findings of rules that judge this kind of target differently (before the config's overrides, which win). */
  private static void adjustForPurpose(List<Finding> findings, Target target) {
    for (int i = findings.size() - 1; i >= 0; i--) {
      Finding f = findings.get(i);
      Purpose purpose = target.purposeOf(f).purpose();
      if (purpose == Purpose.APPLICATION) {
        continue;
      }
      PurposeAdjustment a = f.rule().adjustmentFor(purpose);
      if (a == null) {
        continue;
      }
      if (a.drops()) {
        findings.remove(i);
      } else if (a.severity().compareTo(f.severity()) > 0) { // only ever milder: a rule's own finer grading stays
        findings.set(i, f.withSeverity(a.severity()).withMessage(f.message() + " (" + a.note() + ")"));
      }
    }
  }
}
