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

/** BW-K023: runAsUser 0 (PSS restricted, {@code runAsUser}, 1.23+). */
public final class RunAsUserRoot extends PssRule {
  public RunAsUserRoot() {
    super("BW-K023", "Runs as UID 0 (runAsUser: 0)", Severity.MEDIUM, PssLevel.RESTRICTED, "runAsUser", 23,
        "`runAsUser: 0` runs the container as root whatever its image says.",
        "Set a non-zero `runAsUser` (e.g. 65532), or remove it and set USER in the image.", List.of("runAsUser"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    YamlNode p = pod.security("runAsUser");
    if (Long.valueOf(0).equals(Values.integer(p))) {
      out.accept(new Violation(p, "pod sets runAsUser=0"));
    }
    for (Container c : pod.containers()) {
      YamlNode v = c.security("runAsUser");
      if (Long.valueOf(0).equals(Values.integer(v))) {
        out.accept(new Violation(v, c.displayName() + " sets runAsUser=0"));
      }
    }
  }
}
