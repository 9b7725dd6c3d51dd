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

/** BW-K010: seccomp disabled (PSS baseline, {@code seccompProfile_baseline}). */
public final class SeccompBaseline extends PssRule {
  private static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";

  public SeccompBaseline() {
    super("BW-K010", "Seccomp profile set to Unconfined", Severity.HIGH, PssLevel.BASELINE, "seccompProfile_baseline", 0,
        "Without a seccomp filter every system call reaches the kernel, including the rarely used ones most container escapes go"
            + " through.",
        "Set `seccompProfile: {type: RuntimeDefault}` (or `Localhost`), or remove the `Unconfined` setting.",
        List.of("seccompProfile_baseline", "SeccompUnconfined"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    if (minor < 19) {
      annotations(pod, out);
      return;
    }
    explicit(pod, out, false);
  }

  /** 1.19+: every pod or container seccompProfile whose type is not RuntimeDefault or Localhost. */
  static void explicit(PodSpec pod, Consumer<Violation> out, boolean overlaps) {
    check(pod.securityContext(), "pod", out, overlaps);
    for (Container c : pod.containers()) {
      check(c.securityContext(), c.displayName(), out, overlaps);
    }
  }

  /** True when {@code sc} sets a seccompProfile (valid or not). */
  static boolean sets(YamlMapping sc) {
    return sc != null && sc.get("seccompProfile") instanceof YamlMapping;
  }

  static boolean check(YamlMapping sc, String who, Consumer<Violation> out, boolean overlaps) {
    YamlMapping p = sc == null ? null : sc.mapping("seccompProfile");
    if (p == null) {
      return true;
    }
    String type = p.string("type");
    if (!"RuntimeDefault".equals(type) && !"Localhost".equals(type)) {
      out.accept(new Violation(p.get("type") != null ? p.get("type") : p,
          who + " sets securityContext.seccompProfile.type to " + (type == null ? "\"\"" : type), null, overlaps));
      return false;
    }
    return true;
  }

  private static void annotations(PodSpec pod, Consumer<Violation> out) {
    YamlMapping a = pod.annotations();
    if (a == null) {
      return;
    }
    annotation(a.entry(POD_ANNOTATION), out);
    for (Container c : pod.containers()) {
      annotation(a.entry(CONTAINER_ANNOTATION + c.name()), out);
    }
  }

  private static void annotation(YamlMapping.Entry e, Consumer<Violation> out) {
    if (e == null) {
      return;
    }
    String v = Values.text(e.value());
    String value = v == null ? "" : v;
    if (!(value.equals("runtime/default") || value.equals("docker/default") || value.startsWith("localhost/"))) {
      out.accept(new Violation(e.value(), "annotation " + e.key().value() + "=\"" + value + "\""));
    }
  }
}
