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

/** BW-K041: runAsUser below 10000 (a UID that may exist on the node). */
public final class LowUid extends KubernetesRule {
  public LowUid() {
    super("BW-K041", "runAsUser below 10000", Severity.LOW, Category.PRIVILEGE,
        "UIDs below 10000 are the node's own users (system accounts, the first human users): a container that escapes, or shares a"
            + " hostPath, acts as that user on the node. Without a user namespace a high UID keeps them apart.",
        "Set `runAsUser` (and `runAsGroup`) to 10000 or more, e.g. 65532, or use `hostUsers: false`.",
        List.of("container-security-context-user-group-id", "RunAsUser", "CKV_K8S_40", "02323c00-cdc3-4fdc-a310-4f2b3e7a1660"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      if (pod.inUserNamespace()) {
        continue; // container UIDs are remapped to unprivileged host UIDs
      }
      YamlNode podUser = pod.security("runAsUser");
      boolean podReported = false;
      for (Container c : pod.containers()) {
        YamlNode own = c.security("runAsUser");
        YamlNode effective = Values.integer(own) != null ? own : podUser;
        Long uid = Values.integer(effective);
        if (uid == null || uid == 0 || uid >= 10000) {
          continue; // unset: the image's user; 0: BW-K023
        }
        if (effective == podUser) {
          if (podReported) {
            continue;
          }
          podReported = true;
        }
        report.accept(finding((effective == podUser ? "pod" : c.displayName()) + " runs as UID " + uid + " in " + pod.owner().displayName(),
            target.head(effective), pod.owner().displayName()));
      }
    }
  }
}
