package dev.bulwark.lint.rules;

import dev.bulwark.core.Messages;

import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.core.text.Span;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Rule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.util.List;

/** A rule whose metadata is given once in the constructor. */
abstract class AbstractRule implements Rule<DockerfileTarget> {
  private final RuleInfo info;

  AbstractRule(String id, String title, Severity severity, String category, String rationale, String fix, List<String> aliases,
      String... references) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, List.copyOf(aliases), List.of(references));
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  Finding finding(String message, Span span, Stage stage) {
    return Finding.of(info, message, span, stage == null ? null : stage.displayName());
  }
}
