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

/** BW-K001: privileged containers (PSS baseline, {@code privileged}). */
public final class Privileged extends PssRule {
  public Privileged() {
    super("BW-K001", "Privileged container", Severity.CRITICAL, PssLevel.BASELINE, "privileged", 0,
        "A privileged container has every capability, all host devices and no seccomp or AppArmor confinement: root in it is root on the node.",
        "Remove `securityContext.privileged: true`; grant the one capability the workload needs instead.",
        List.of("privileged", "runAsPrivileged", "Privileged", "container-security-context-privileged", "CKV_K8S_16",
            "dd29336b-fe57-445b-a26e-e6aa867ae609"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (Container c : pod.containers()) {
      YamlNode v = c.security("privileged");
      if (Values.isTrue(v)) {
        out.accept(new Violation(v, c.displayName() + " sets securityContext.privileged=true"));
      }
    }
  }
}
