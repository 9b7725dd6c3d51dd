package dev.bulwark.lint;

import dev.bulwark.lint.rules.ImageChecks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs the image rules, applying the config's ignores and severity overrides. */
public final class ImageLinter {
  private final List<ImageRule> rules;

  public ImageLinter(List<ImageRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static ImageLinter withDefaultRules() {
    return new ImageLinter(ImageChecks.all());
  }

  public List<Finding> lint(ImageTarget target, LintConfig config) {
    List<Finding> out = new ArrayList<>();
    for (ImageRule r : rules) {
      r.check(target, out::add);
    }
    out.removeIf(f -> config.ignores(f, target.path()));
    out.replaceAll(f -> f.withSeverity(config.severityOf(f)));
    out.sort(Comparator.comparing((Finding f) -> f.severity()).thenComparing(Finding::ruleId));
    return out;
  }
}
