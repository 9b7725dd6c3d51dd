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

/** BW-K024: no seccomp profile (PSS restricted, {@code seccompProfile_restricted}, 1.19+). */
public final class SeccompRestricted extends PssRule {
  public SeccompRestricted() {
    super("BW-K024", "No seccomp profile (RuntimeDefault or Localhost)", Severity.MEDIUM, PssLevel.RESTRICTED, "seccompProfile_restricted",
        19,
        "Kubernetes runs containers Unconfined unless a seccomp profile is set: every system call reaches the kernel.",
        "Set `securityContext.seccompProfile: {type: RuntimeDefault}` on the pod.",
        List.of("seccompProfile_restricted", "container-seccomp-profile", "SeccompAny", "C-0210", "CKV_K8S_31", "f377b83e-bd07-4f48-a591-60c82b14a78b"));
  }

  @Override
  public List<String> overrides(int minor) {
    return List.of("seccompProfile_baseline");
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    // an explicit bad type is what seccompProfile_baseline (BW-K010) reports
    boolean podSet = SeccompBaseline.sets(pod.securityContext()) && SeccompBaseline.check(pod.securityContext(), "pod", out, true);
    for (Container c : pod.containers()) {
      if (SeccompBaseline.sets(c.securityContext())) {
        SeccompBaseline.check(c.securityContext(), c.displayName(), out, true);
      } else if (!podSet) {
        out.accept(new Violation(c.node(), "neither the pod nor " + c.displayName() + " sets securityContext.seccompProfile.type to"
            + " RuntimeDefault or Localhost"));
      }
    }
  }
}
