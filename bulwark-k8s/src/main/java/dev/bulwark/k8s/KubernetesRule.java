package dev.bulwark.k8s;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Rule;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import java.util.List;

/**
 * A Kubernetes rule: all of its metadata given once, in its constructor (id, title, severity,
 * category, why it matters, how to fix it, other tools' ids), and its check over a manifest.
 */
public abstract class KubernetesRule implements Rule<KubernetesTarget> {
  private final RuleInfo info;

  protected KubernetesRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, List.copyOf(aliases), List.of(references));
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  /** A finding of this rule at {@code span}, at the rule's severity, in {@code object} (its kind/name, as a Dockerfile finding's stage). */
  protected final Finding finding(String message, Span span, String object) {
    return Finding.of(info, message, span, object);
  }

  /** A finding at another severity than the rule's (a hostPath to / is worse than one to a log directory). */
  protected final Finding finding(Severity severity, String message, Span span, String object) {
    return new Finding(info, severity, message, new Location.Text(span), object, info.aliases());
  }
}
