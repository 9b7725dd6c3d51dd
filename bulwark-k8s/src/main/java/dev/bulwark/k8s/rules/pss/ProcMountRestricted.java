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

/** BW-K026: unmasked /proc in a user-namespaced pod (PSS restricted, {@code procMount_restricted}, 1.35+). */
public final class ProcMountRestricted extends PssRule {
  public ProcMountRestricted() {
    super("BW-K026", "Unmasked /proc mount (restricted, even with hostUsers: false)", Severity.MEDIUM, PssLevel.RESTRICTED,
        "procMount_restricted", 35,
        "The restricted level keeps /proc masked even in a user namespace: the unmasked interfaces still expose kernel state.",
        "Remove `procMount` (or set `Default`).", List.of("procMount_restricted"));
  }

  @Override
  public List<String> overrides(int minor) {
    return List.of("procMount");
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    ProcMount.unmasked(pod, out, !pod.inUserNamespace()); // outside a user namespace procMount (BW-K009) reports it
  }
}
