package dev.bulwark.lint;

import dev.bulwark.dockerfile.syntax.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs rules over a target and returns its findings sorted by position. */
public final class Linter {
  private final List<Rule> rules;

  public Linter(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static Linter withDefaultRules() {
    return new Linter(RuleCatalog.rules());
  }

  public List<Finding> lint(DockerfileTarget target) {
    List<Finding> out = new ArrayList<>();
    for (Diagnostic d : target.model().diagnostics()) {
      RuleInfo info = d.isError() ? RuleCatalog.PARSE_ERROR : RuleCatalog.PARSE_WARNING;
      out.add(new Finding(info, info.severity(), d.message(), d.span(), null));
    }
    for (Rule r : rules) {
      r.check(target, out::add);
    }
    Suppressions pragmas = Suppressions.of(target.model());
    LintConfig config = target.config();
    out.removeIf(f -> pragmas.suppresses(f) || config.ignores(f, target.relativePath()));
    out.replaceAll(f -> f.withSeverity(config.severityOf(f)));
    out.sort(Comparator.comparingInt((Finding f) -> f.span().startLine())
        .thenComparingInt(f -> f.span().startColumn())
        .thenComparing(Finding::ruleId));
    return out;
  }
}
