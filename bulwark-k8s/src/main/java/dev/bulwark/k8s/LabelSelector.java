package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn,
 * Exists, DoesNotExist), matched as apimachinery's LabelSelectorAsSelector does: every requirement
 * must hold, and an empty selector selects everything.
 */
final class LabelSelector {
  private LabelSelector() {}

  /** True when {@code selector} (null or {@code {}}: everything) selects {@code labels}; a malformed selector selects nothing. */
  static boolean matches(YamlMapping selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    YamlMapping matchLabels = selector.mapping("matchLabels");
    if (matchLabels != null) {
      for (YamlMapping.Entry e : matchLabels.entries()) {
        if (!(e.value() instanceof YamlScalar v) || !v.value().equals(labels.get(e.key().value()))) {
          return false;
        }
      }
    }
    YamlSequence expressions = selector.sequence("matchExpressions");
    for (YamlNode n : expressions == null ? List.<YamlNode>of() : expressions.items()) {
      if (!(n instanceof YamlMapping m) || !holds(m, labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(YamlMapping requirement, Map<String, String> labels) {
    String key = requirement.string("key");
    String operator = requirement.string("operator");
    if (key == null || operator == null) {
      return false;
    }
    String value = labels.get(key);
    switch (operator) {
      case "In":
        return value != null && values(requirement).contains(value);
      case "NotIn":
        return value == null || !values(requirement).contains(value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      default:
        return false;
    }
  }

  private static List<String> values(YamlMapping requirement) {
    List<String> out = new ArrayList<>();
    YamlSequence s = requirement.sequence("values");
    for (YamlNode n : s == null ? List.<YamlNode>of() : s.items()) {
      if (n instanceof YamlScalar v && !v.isNull()) {
        out.add(v.value());
      }
    }
    return out;
  }
}
