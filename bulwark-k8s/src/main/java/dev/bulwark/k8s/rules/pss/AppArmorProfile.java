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

/** BW-K007: AppArmor profile overridden or disabled (PSS baseline, {@code appArmorProfile}). */
public final class AppArmorProfile extends PssRule {
  private static final String ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  public AppArmorProfile() {
    super("BW-K007", "AppArmor profile disabled or overridden", Severity.HIGH, PssLevel.BASELINE, "appArmorProfile", 0,
        "The runtime's default AppArmor profile blocks writes to /proc and /sys and mounts; `Unconfined` removes that layer.",
        "Use `appArmorProfile: {type: RuntimeDefault}` (or a `Localhost` profile), or drop the setting.",
        List.of("appArmorProfile", "ApparmorUnconfined"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    check(pod.securityContext(), "pod", out);
    for (Container c : pod.containers()) {
      check(c.securityContext(), c.displayName(), out);
    }
    YamlMapping annotations = pod.annotations();
    if (annotations != null) {
      for (YamlMapping.Entry e : annotations.entries()) {
        if (e.key().value().startsWith(ANNOTATION)) {
          String v = Values.text(e.value());
          String value = v == null ? "" : v;
          if (!(value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/"))) {
            out.accept(new Violation(e.value(), "annotation " + e.key().value() + "=\"" + value + "\""));
          }
        }
      }
    }
  }

  private static void check(YamlMapping sc, String who, Consumer<Violation> out) {
    YamlMapping p = sc == null ? null : sc.mapping("appArmorProfile");
    if (p == null) {
      return;
    }
    String type = p.string("type");
    if (!"RuntimeDefault".equals(type) && !"Localhost".equals(type)) {
      out.accept(new Violation(p.get("type") != null ? p.get("type") : p, who + " sets AppArmor profile type " + (type == null ? "\"\"" : type)));
    }
  }
}
