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

/** BW-K008: SELinux type, user or role set (PSS baseline, {@code seLinuxOptions}). */
public final class SeLinuxOptions extends PssRule {
  private static final Set<String> TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t");

  public SeLinuxOptions() {
    super("BW-K008", "SELinux type, user or role set", Severity.HIGH, PssLevel.BASELINE, "seLinuxOptions", 0,
        "A custom SELinux type (spc_t, unconfined_t) or user/role lifts the label that confines the container's access to host files.",
        "Remove `seLinuxOptions.user` and `.role`; keep `type` unset or one of container_t, container_init_t, container_kvm_t,"
            + " container_engine_t.",
        List.of("seLinuxOptions"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    check(pod.securityContext(), "pod", minor, out);
    for (Container c : pod.containers()) {
      check(c.securityContext(), c.displayName(), minor, out);
    }
  }

  private static void check(YamlMapping sc, String who, int minor, Consumer<Violation> out) {
    YamlMapping o = sc == null ? null : sc.mapping("seLinuxOptions");
    if (o == null) {
      return;
    }
    String type = o.string("type");
    String t = type == null ? "" : type;
    if (!TYPES.contains(t) && !(minor >= 31 && t.equals("container_engine_t"))) {
      out.accept(new Violation(o.get("type"), who + " sets SELinux type " + t));
    }
    for (String key : List.of("user", "role")) {
      String v = o.string(key);
      if (v != null && !v.isEmpty()) {
        out.accept(new Violation(o.get(key), who + " sets SELinux " + key + " " + v));
      }
    }
  }
}
