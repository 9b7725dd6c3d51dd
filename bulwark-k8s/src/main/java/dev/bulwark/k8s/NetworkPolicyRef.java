package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.Map;

/**
 * What a NetworkPolicy restricts, as the network plugin reads it: the pods its {@code podSelector}
 * selects in its namespace, and whether it restricts their ingress, their egress or both
 * ({@code policyTypes}; when absent, Ingress always and Egress when it has egress rules).
 */
public record NetworkPolicyRef(String namespace, YamlMapping podSelector, boolean ingress, boolean egress) {

  /** The policy of a {@code kind: NetworkPolicy} object, or null when it has no spec (the API server refuses it). */
  public static NetworkPolicyRef of(KubeObject o) {
    YamlMapping spec = o.node().mapping("spec");
    if (spec == null) {
      return null;
    }
    boolean ingress;
    boolean egress;
    YamlSequence types = spec.sequence("policyTypes");
    if (types == null) {
      ingress = true;
      egress = spec.get("egress") != null;
    } else {
      ingress = false;
      egress = false;
      for (YamlNode t : types.items()) {
        if (t instanceof YamlScalar s) {
          ingress |= s.value().equals("Ingress");
          egress |= s.value().equals("Egress");
        }
      }
    }
    return new NetworkPolicyRef(o.namespace() == null ? "" : o.namespace(), spec.mapping("podSelector"), ingress, egress);
  }

  /** True when this policy applies to a pod in {@code namespace} ("" for none given) with {@code labels}. */
  public boolean selects(String namespace, Map<String, String> labels) {
    return this.namespace.equals(namespace) && LabelSelector.matches(podSelector, labels);
  }
}
