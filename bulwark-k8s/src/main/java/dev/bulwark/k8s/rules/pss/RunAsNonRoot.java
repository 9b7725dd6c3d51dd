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

/** BW-K022: runAsNonRoot not true (PSS restricted, {@code runAsNonRoot}). */
public final class RunAsNonRoot extends PssRule {
  public RunAsNonRoot() {
    super("BW-K022", "Not required to run as non-root (runAsNonRoot)", Severity.MEDIUM, PssLevel.RESTRICTED, "runAsNonRoot", 0,
        "Without runAsNonRoot the kubelet starts the container as whatever user its image says, root by default; root in a container"
            + " is one kernel bug or mount away from root on the node.",
        "Set `securityContext.runAsNonRoot: true` on the pod (or on every container), with a non-zero `runAsUser` or an image USER.",
        List.of("runAsNonRoot", "runAsRootAllowed", "RunAsNonRoot", "C-0013", "CKV_K8S_23", "cf34805e-3872-4c08-bf92-6ff7bb0cfadb"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    YamlNode podValue = pod.security("runAsNonRoot");
    Boolean podSetting = Values.bool(podValue);
    if (Boolean.FALSE.equals(podSetting)) {
      out.accept(new Violation(podValue, "pod sets securityContext.runAsNonRoot=false"));
    }
    boolean podTrue = Boolean.TRUE.equals(podSetting);
    for (Container c : pod.containers()) {
      YamlNode v = c.security("runAsNonRoot");
      Boolean b = Values.bool(v);
      if (Boolean.FALSE.equals(b)) {
        out.accept(new Violation(v, c.displayName() + " sets securityContext.runAsNonRoot=false"));
      } else if (b == null && !podTrue) {
        out.accept(new Violation(c.node(), "neither the pod nor " + c.displayName() + " sets securityContext.runAsNonRoot=true"));
      }
    }
  }
}
