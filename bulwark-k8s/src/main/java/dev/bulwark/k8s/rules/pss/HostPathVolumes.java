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

/** BW-K005: hostPath volumes (PSS baseline, {@code hostPathVolumes}). */
public final class HostPathVolumes extends PssRule {
  /** Host paths that give the node away: its config, kernel interfaces, devices, kubelet and runtime state. */
  private static final List<String> SENSITIVE = List.of("/etc/kubernetes", "/proc", "/sys", "/dev", "/root", "/boot", "/var/lib/kubelet",
      "/var/lib/docker", "/var/lib/containerd", "/var/run", "/run", "/var/run/docker.sock", "/run/containerd", "/var/run/containerd",
      "/var/run/crio", "/run/crio");

  public HostPathVolumes() {
    super("BW-K005", "hostPath volume", Severity.HIGH, PssLevel.BASELINE, "hostPathVolumes", 0,
        "A hostPath volume mounts the node's own files into the pod: the container runtime socket, kubelet credentials or /etc are"
            + " each enough to take over the node, and writes persist on it.",
        "Use a PersistentVolumeClaim, emptyDir, configMap or secret volume; node agents that need host files belong in a namespace"
            + " that allows privileged pods.",
        List.of("hostPathVolumes", "hostPathSet", "DockerSock", "C-0048", "CKV_K8S_27", "aa8f7a35-9923-4cad-bd61-a19b7f6aac91"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (YamlMapping v : pod.volumes()) {
      if (v.get("hostPath") instanceof YamlMapping hp) {
        YamlScalar path = hp.scalar("path");
        String p = path == null ? "" : path.value();
        Severity s = sensitive(p) ? Severity.CRITICAL : null;
        out.accept(new Violation(path != null ? path : hp, "volume \"" + v.string("name") + "\" mounts host path " + (p.isEmpty() ? "(unset)" : p),
            s, false));
      }
    }
  }

  static boolean sensitive(String path) {
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.equals("/") || p.equals("/etc") || p.endsWith(".sock")) {
      return true; // under /etc only the kubelet's config is as bad: CA bundles, localtime and the like are read-only data
    }
    for (String s : SENSITIVE) {
      if (p.equals(s) || (p.startsWith(s + "/") && !s.equals("/var/run") && !s.equals("/run") && !s.equals("/sys") && !s.equals("/dev"))) {
        return true;
      }
    }
    return false;
  }
}
