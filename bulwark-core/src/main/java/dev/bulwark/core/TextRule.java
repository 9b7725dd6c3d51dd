package dev.bulwark.core;

import dev.bulwark.core.text.Span;
import java.util.List;

/**
 * The base of rules over a text file whose findings are named by a part of it (a Kubernetes
 * object, a Compose service): all of the metadata given once, in the constructor (id, title,
 * severity, category, why it matters, how to fix it, other tools' ids), and findings at a span.
 */
public abstract class TextRule<T extends Target> implements Rule<T> {
  private final RuleInfo info;

  protected TextRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, List.copyOf(aliases), List.of(references));
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  /** A finding of this rule at {@code span}, at the rule's severity, in {@code part} (as a Dockerfile finding's stage). */
  protected final Finding finding(String message, Span span, String part) {
    return Finding.of(info, message, span, part);
  }

  /** A finding at another severity than the rule's (a hostPath to / is worse than one to a log directory). */
  protected final Finding finding(Severity severity, String message, Span span, String part) {
    return new Finding(info, severity, message, new Location.Text(span), part, info.aliases());
  }
}
