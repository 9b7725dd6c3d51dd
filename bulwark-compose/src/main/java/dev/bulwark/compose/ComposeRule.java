package dev.bulwark.compose;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.TextRule;
import dev.bulwark.yaml.YamlNode;
import java.util.List;

/**
 * A Compose rule: its metadata in its constructor and its check over a Compose file; findings are
 * named by their service. Findings are made from the node they are about ({@link #finding(ComposeTarget,
 * String, YamlNode, String)}), never from a bare span: the target decides where a node is, which in a
 * merged project may be another file than the one linted.
 */
public abstract class ComposeRule extends TextRule<ComposeTarget> {

  protected ComposeRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    super(id, title, severity, category, rationale, fix, aliases, references);
  }

  /** A finding of this rule, at the rule's severity, at the first line of {@code node}, in {@code service} (null for a top-level one). */
  protected final Finding finding(ComposeTarget target, String message, YamlNode node, String service) {
    return finding(target, info().severity(), message, node, service);
  }

  /** The same at another severity than the rule's (a socket mounted read-write is worse than read-only). */
  protected final Finding finding(ComposeTarget target, Severity severity, String message, YamlNode node, String service) {
    return finding(target, severity, message, node, service, info().aliases());
  }

  /**
   * The same naming only this occurrence's ids in other tools, so that their results match it (a host PID namespace is
   * KICS 4f31dd9f, not the network's 071a71ff).
   */
  protected final Finding finding(ComposeTarget target, Severity severity, String message, YamlNode node, String service,
      List<String> aliases) {
    return new Finding(info(), severity, message, target.locate(node), service, aliases);
  }
}
