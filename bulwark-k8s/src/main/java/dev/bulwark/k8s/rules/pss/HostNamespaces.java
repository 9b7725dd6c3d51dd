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

/** BW-K002: host network, PID or IPC namespace (PSS baseline, {@code hostNamespaces}). */
public final class HostNamespaces extends PssRule {
  public HostNamespaces() {
    super("BW-K002", "Host network, PID or IPC namespace shared", Severity.CRITICAL, PssLevel.BASELINE, "hostNamespaces", 0,
        "hostNetwork reaches every service bound to the node's localhost and sniffs its traffic; hostPID sees and signals the node's"
            + " processes (and reads their environment); hostIPC reads other processes' shared memory.",
        "Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false); expose ports through a Service.",
        List.of("hostNamespaces", "hostNetworkSet", "hostPIDSet", "hostIPCSet", "HostNetwork", "HostPID", "HostIPC", "CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (String key : List.of("hostNetwork", "hostPID", "hostIPC")) {
      YamlNode v = pod.spec().get(key);
      if (Values.isTrue(v)) {
        out.accept(new Violation(v, key + "=true"));
      }
    }
  }
}
