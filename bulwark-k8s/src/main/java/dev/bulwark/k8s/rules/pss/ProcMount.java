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

/** BW-K009: unmasked /proc (PSS baseline, {@code procMount}). */
public final class ProcMount extends PssRule {
  public ProcMount() {
    super("BW-K009", "Unmasked /proc mount", Severity.HIGH, PssLevel.BASELINE, "procMount", 0,
        "`procMount: Unmasked` removes the masks over /proc's kernel interfaces (sysrq-trigger, kcore, timer lists) that the runtime"
            + " hides from containers; outside a user namespace they reach the node's kernel.",
        "Remove `procMount` (or set `Default`); from Kubernetes 1.35 baseline allows it in pods with `hostUsers: false`.",
        List.of("procMount", "f922827f-aab6-447c-832a-e1ff63312bd3"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    unmasked(pod, out, false);
  }

  /** procMount_1_0: every procMount that is set and not Default; {@code overlaps}: the baseline check reports the same. */
  static void unmasked(PodSpec pod, Consumer<Violation> out, boolean overlaps) {
    for (Container c : pod.containers()) {
      YamlNode v = c.security("procMount");
      if (v instanceof YamlScalar s && !s.isNull() && !s.value().equals("Default")) {
        out.accept(new Violation(v, c.displayName() + " sets securityContext.procMount=" + s.value(), null, overlaps));
      }
    }
  }
}
