package dev.bulwark.lint;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Rule;

import dev.bulwark.core.Finding;

import java.util.List;

/** Helpers to run one rule over an inline Dockerfile. */
public final class RuleTesting {
  private RuleTesting() {}

  /** The rule's findings on {@code dockerfile} judged as an application image (a few lines would often infer as a base image). */
  public static List<Finding> findings(Rule<DockerfileTarget> rule, String dockerfile) {
    DockerfileTarget target = DockerfileTarget.parse("Dockerfile", dockerfile).withConfig(LintConfig.DEFAULT.withPurpose(Purpose.APPLICATION), "Dockerfile");
    return new Linter<>(List.of(rule)).lint(target).stream()
        .filter(f -> f.ruleId().equals(rule.info().id()))
        .toList();
  }
}
