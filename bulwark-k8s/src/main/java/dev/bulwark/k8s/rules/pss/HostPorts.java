package dev.bulwark.k8s.rules.pss;

import dev.bulwark.core.Severity;
import dev.bulwark.k8s.Container;
import dev.bulwark.k8s.PodSpec;
import dev.bulwark.k8s.PssLevel;
import dev.bulwark.k8s.PssRule;
import dev.bulwark.k8s.Values;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-K006: host ports (PSS baseline, {@code hostPorts}). */
public final class HostPorts extends PssRule {
  public HostPorts() {
    super("BW-K006", "Container port bound on the node (hostPort)", Severity.HIGH, PssLevel.BASELINE, "hostPorts", 0,
        "A hostPort opens the port on the node's own address, bypassing Services and NetworkPolicies that select on pods, and pins the"
            + " pod to nodes where the port is free.",
        "Remove `hostPort`; expose the port with a Service (NodePort or LoadBalancer if it must be reachable from outside).",
        List.of("hostPorts", "hostPortSet", "C-0044", "CKV_K8S_26"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (Container c : pod.containers()) {
      YamlSequence ports = c.node().sequence("ports");
      if (ports == null) {
        continue;
      }
      for (YamlNode p : ports.items()) {
        YamlNode hp = p instanceof YamlMapping m ? m.get("hostPort") : null;
        Long n = Values.integer(hp);
        if (n != null && n != 0) {
          out.accept(new Violation(hp, c.displayName() + " uses hostPort " + n));
        }
      }
    }
  }
}
