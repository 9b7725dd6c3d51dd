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

/** BW-K042: no memory limit, or no CPU/memory requests. */
public final class MissingResources extends KubernetesRule {
  public MissingResources() {
    super("BW-K042", "Resource limits or requests missing", Severity.LOW, Category.RELIABILITY,
        "Without a memory limit one container can take the node's memory and get its neighbours killed; without requests the"
            + " scheduler packs pods blindly and a noisy pod starves the rest.",
        "Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` (a CPU limit is optional: it"
            + " throttles).",
        List.of("container-resources", "memoryLimitsMissing", "memoryRequestsMissing", "cpuRequestsMissing", "cpuLimitsMissing",
            "CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13", "C-0004", "C-0050"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      for (Container c : pod.containers()) {
        if (c.list().equals("ephemeralContainers")) {
          continue;
        }
        YamlMapping r = c.node().mapping("resources");
        YamlMapping limits = r == null ? null : r.mapping("limits");
        YamlMapping requests = r == null ? null : r.mapping("requests");
        List<String> missing = new ArrayList<>();
        boolean noMemoryLimit = limits == null || limits.get("memory") == null;
        if (noMemoryLimit) {
          missing.add("limits.memory");
        }
        if (requests == null || requests.get("memory") == null) {
          missing.add("requests.memory");
        }
        if (requests == null || requests.get("cpu") == null) {
          missing.add("requests.cpu");
        }
        if (!missing.isEmpty()) {
          // availability, not a way in: low, as Trivy rates it (the Pod Security Standards do not cover it)
          Severity s = Severity.LOW;
          report.accept(finding(s, c.displayName() + " sets no resources." + String.join(", resources.", missing) + " in "
              + pod.owner().displayName(), target.head(r != null ? r : c.node()), pod.owner().displayName()));
        }
      }
    }
  }
}
