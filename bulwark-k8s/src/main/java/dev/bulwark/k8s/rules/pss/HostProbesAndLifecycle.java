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

/** BW-K012: probe or lifecycle handler aimed at another host (PSS baseline, {@code hostProbesAndHostLifecycle}, 1.34+). */
public final class HostProbesAndLifecycle extends PssRule {
  public HostProbesAndLifecycle() {
    super("BW-K012", "Probe or lifecycle hook sent to another host", Severity.HIGH, PssLevel.BASELINE, "hostProbesAndHostLifecycle", 34,
        "The kubelet sends httpGet and tcpSocket probes and hooks from the node: a `host` turns it into a proxy to addresses the pod"
            + " itself could not reach (metadata endpoints, node-local services).",
        "Remove `host` so the probe goes to the pod's own IP.", List.of("hostProbesAndHostLifecycle"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (Container c : pod.containers()) {
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        handler(c, c.node().mapping(probe), probe, out);
      }
      YamlMapping lifecycle = c.node().mapping("lifecycle");
      if (lifecycle != null) {
        handler(c, lifecycle.mapping("postStart"), "lifecycle.postStart", out);
        handler(c, lifecycle.mapping("preStop"), "lifecycle.preStop", out);
      }
    }
  }

  private static void handler(Container c, YamlMapping h, String where, Consumer<Violation> out) {
    if (h == null) {
      return;
    }
    for (String kind : List.of("httpGet", "tcpSocket")) {
      YamlMapping m = h.mapping(kind);
      YamlScalar host = m == null ? null : m.scalar("host");
      if (host != null && !host.value().isEmpty()) {
        out.accept(new Violation(host, c.displayName() + " " + where + "." + kind + ".host is " + host.value()));
      }
    }
  }
}
