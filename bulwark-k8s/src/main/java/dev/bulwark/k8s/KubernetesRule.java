package dev.bulwark.k8s;

import dev.bulwark.core.Category;
import dev.bulwark.core.Severity;
import dev.bulwark.core.TextRule;
import java.util.List;

/** A Kubernetes rule: its metadata in its constructor and its check over a manifest; findings are named by their object (kind/name). */
public abstract class KubernetesRule extends TextRule<KubernetesTarget> {

  protected KubernetesRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    super(id, title, severity, category, rationale, fix, aliases, references);
  }
}
