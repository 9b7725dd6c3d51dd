package dev.bulwark.lint;

import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;

import dev.bulwark.core.Finding;

import java.util.List;

/** Helpers to run one rule over an inline Dockerfile. */
public final class RuleTesting {
  private RuleTesting() {}

  public static List<Finding> findings(Rule<DockerfileTarget> rule, String dockerfile) {
    return new Linter<>(List.of(rule)).lint(DockerfileTarget.parse("Dockerfile", dockerfile)).stream()
        .filter(f -> f.ruleId().equals(rule.info().id()))
        .toList();
  }
}
