package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Span;
import dev.bulwark.lint.Finding;
import dev.bulwark.lint.Rule;
import dev.bulwark.lint.RuleInfo;
import dev.bulwark.lint.Severity;
import java.util.List;

/** A rule whose metadata is given once in the constructor. */
abstract class AbstractRule implements Rule {
  private final RuleInfo info;

  AbstractRule(String id, String title, Severity severity, String category, String rationale, String fix, List<String> aliases,
      String... references) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, List.copyOf(aliases), List.of(references));
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  /** The first five items and how many more: messages stay one line however much was found. */
  static String listSome(java.util.Collection<String> items) {
    List<String> all = List.copyOf(items);
    List<String> shown = all.size() > 5 ? all.subList(0, 5) : all;
    return String.join(", ", shown) + (all.size() > 5 ? " and " + (all.size() - 5) + " more" : "");
  }

  Finding finding(String message, Span span, Stage stage) {
    return Finding.of(info, message, span, stage == null ? null : stage.displayName());
  }
}
