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

/** BW-K021: allowPrivilegeEscalation not false (PSS restricted, {@code allowPrivilegeEscalation}). */
public final class AllowPrivilegeEscalation extends PssRule {
  public AllowPrivilegeEscalation() {
    super("BW-K021", "allowPrivilegeEscalation not set to false", Severity.MEDIUM, PssLevel.RESTRICTED, "allowPrivilegeEscalation", 8,
        "Unless it is false, a process in the container can gain privileges through setuid binaries and file capabilities"
            + " (no_new_privs is not set).",
        "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
        List.of("allowPrivilegeEscalation", "privilegeEscalationAllowed", "AllowPrivilegeEscalation", "CKV_K8S_20",
            "5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d", "C-0016"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    for (Container c : pod.containers()) {
      YamlNode v = c.security("allowPrivilegeEscalation");
      Boolean b = Values.bool(v);
      if (b == null) {
        out.accept(new Violation(c.node(), c.displayName() + " does not set securityContext.allowPrivilegeEscalation=false"));
      } else if (b) {
        out.accept(new Violation(v, c.displayName() + " sets securityContext.allowPrivilegeEscalation=true"));
      }
    }
  }
}
