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

/** BW-K040: root filesystem writable. */
public final class WritableRootFilesystem extends KubernetesRule {
  public WritableRootFilesystem() {
    super("BW-K040", "Root filesystem not read-only", Severity.LOW, Category.RUNTIME,
        "A writable root filesystem lets an attacker who gets code execution drop tools, change binaries and persist for the life of"
            + " the container; read-only also catches apps that write where they should not.",
        "Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` at each path the app writes (/tmp, caches).",
        List.of("container-security-context-readonlyrootfilesystem", "notReadOnlyRootFilesystem", "ReadOnlyRootFilesystem", "CKV_K8S_22",
            "C-0017", "a9c2f49d-0671-4fc9-9ece-f4e261e128d0"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      for (Container c : pod.containers()) {
        if (c.list().equals("ephemeralContainers")) {
          continue; // debugging sessions, not the workload
        }
        YamlNode v = c.security("readOnlyRootFilesystem");
        if (!Values.isTrue(v)) {
          YamlNode at = Values.isFalse(v) ? v : c.node();
          report.accept(finding(c.displayName() + " does not set securityContext.readOnlyRootFilesystem=true in " + pod.owner().displayName(),
              target.head(at), pod.owner().displayName()));
        }
      }
    }
  }
}
