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

/** BW-K025: capabilities not dropped, or added beyond NET_BIND_SERVICE (PSS restricted, {@code capabilities_restricted}, 1.22+). */
public final class CapabilitiesRestricted extends PssRule {
  public CapabilitiesRestricted() {
    super("BW-K025", "Capabilities not dropped (drop: [ALL])", Severity.MEDIUM, PssLevel.RESTRICTED, "capabilities_restricted", 22,
        "Containers start with the runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW…); a compromised process uses"
            + " them to change file owners, bypass permissions or spoof packets.",
        "Set `securityContext.capabilities: {drop: [ALL]}` and add back only `NET_BIND_SERVICE` if the container binds a port below 1024.",
        List.of("capabilities_restricted", "insecureCapabilities", "CapDropAll", "CKV_K8S_25", "CKV_K8S_28", "CKV_K8S_37", "268ca686-7fb7-4ae9-b129-955a2a89064e"));
  }

  @Override
  public List<String> overrides(int minor) {
    return List.of("capabilities_baseline");
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    for (Container c : pod.containers()) {
      YamlNode caps = c.security("capabilities");
      boolean droppedAll = false;
      for (YamlScalar d : CapabilitiesBaseline.list(c, "drop")) {
        droppedAll |= d.value().equals("ALL");
      }
      if (!droppedAll) {
        YamlNode drop = caps instanceof YamlMapping m && m.get("drop") != null ? m.get("drop") : c.node();
        out.accept(new Violation(drop, c.displayName() + " does not set securityContext.capabilities.drop=[\"ALL\"]"));
      }
      for (YamlScalar a : CapabilitiesBaseline.added(c)) {
        if (!a.value().equals("NET_BIND_SERVICE")) {
          // beyond the default set, capabilities_baseline (BW-K004) reports it
          out.accept(new Violation(a, c.displayName() + " adds capability " + a.value(), null,
              !CapabilitiesBaseline.DEFAULT_SET.contains(a.value())));
        }
      }
    }
  }
}
