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

/** BW-K004: capabilities added beyond the default set (PSS baseline, {@code capabilities_baseline}). */
public final class CapabilitiesBaseline extends PssRule {
  /** The container runtime's default set: adding these back is allowed. */
  public static final Set<String> DEFAULT_SET = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
      "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

  public CapabilitiesBaseline() {
    super("BW-K004", "Capability added beyond the default set", Severity.HIGH, PssLevel.BASELINE, "capabilities_baseline", 0,
        "SYS_ADMIN, NET_ADMIN, SYS_PTRACE, NET_RAW, SYS_MODULE or ALL hand the container kernel powers that are a short step from"
            + " escaping to the node (mounting, loading modules, tracing other processes, spoofing traffic).",
        "Remove the capability from `securityContext.capabilities.add`; add back only what the workload needs from the default set.",
        List.of("capabilities_baseline", "dangerousCapabilities", "CapSysAdmin", "C-0046", "CKV_K8S_39"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (Container c : pod.containers()) {
      for (YamlScalar cap : added(c)) {
        if (!DEFAULT_SET.contains(cap.value())) {
          out.accept(new Violation(cap, c.displayName() + " adds capability " + cap.value()));
        }
      }
    }
  }

  /** The entries of {@code securityContext.capabilities.add} (strings only). */
  static List<YamlScalar> added(Container c) {
    return list(c, "add");
  }

  static List<YamlScalar> list(Container c, String key) {
    YamlNode caps = c.security("capabilities");
    YamlSequence s = caps instanceof YamlMapping m ? m.sequence(key) : null;
    if (s == null) {
      return List.of();
    }
    return s.items().stream().filter(n -> n instanceof YamlScalar x && !x.isNull()).map(n -> (YamlScalar) n).toList();
  }
}
