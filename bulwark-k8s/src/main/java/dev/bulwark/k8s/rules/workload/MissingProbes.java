package dev.bulwark.k8s.rules.workload;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.Container;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.PodSpec;
import dev.bulwark.k8s.Values;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** BW-K043: a long-running container without liveness or readiness probe. */
public final class MissingProbes extends KubernetesRule {
  public MissingProbes() {
    super("BW-K043", "Liveness or readiness probe missing", Severity.LOW, Category.RELIABILITY,
        "Without a readiness probe a Service sends traffic to pods that are not ready (during start-up and rollouts); without a"
            + " liveness probe a hung process is never restarted. Checked on the controllers that run services (Deployment,"
            + " StatefulSet, DaemonSet, ReplicaSet, ReplicationController).",
        "Add `readinessProbe` and `livenessProbe` (httpGet, tcpSocket, grpc or exec) to the serving container; they should not be"
            + " identical.",
        List.of("pod-probes", "livenessProbeMissing", "readinessProbeMissing", "CKV_K8S_8", "CKV_K8S_9"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      String kind = pod.owner().kind();
      if (!(kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("DaemonSet") || kind.equals("ReplicaSet")
          || kind.equals("ReplicationController"))) {
        continue; // Jobs run to completion; a bare Pod or template is a one-off (tests, debugging) no rollout waits on
      }
      for (Container c : pod.containers()) {
        if (!c.list().equals("containers")) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        if (c.node().get("readinessProbe") == null) {
          missing.add("readinessProbe");
        }
        if (c.node().get("livenessProbe") == null) {
          missing.add("livenessProbe");
        }
        if (!missing.isEmpty()) {
          report.accept(finding(c.displayName() + " has no " + String.join(" or ", missing) + " in " + pod.owner().displayName(),
              target.head(c.node()), pod.owner().displayName()));
        }
      }
    }
  }
}
