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

/** BW-K003: Windows HostProcess containers (PSS baseline, {@code windowsHostProcess}). */
public final class WindowsHostProcess extends PssRule {
  public WindowsHostProcess() {
    super("BW-K003", "Windows HostProcess container", Severity.CRITICAL, PssLevel.BASELINE, "windowsHostProcess", 0,
        "A HostProcess container runs directly on the Windows node, with the host's network and file system: it is not isolated at all.",
        "Remove `windowsOptions.hostProcess: true`; run node agents outside untrusted namespaces.",
        List.of("windowsHostProcess", "hostProcess"));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    check(pod.securityContext(), "pod", out);
    for (Container c : pod.containers()) {
      check(c.securityContext(), c.displayName(), out);
    }
  }

  private static void check(YamlMapping sc, String who, Consumer<Violation> out) {
    YamlMapping w = sc == null ? null : sc.mapping("windowsOptions");
    YamlNode v = w == null ? null : w.get("hostProcess");
    if (Values.isTrue(v)) {
      out.accept(new Violation(v, who + " sets securityContext.windowsOptions.hostProcess=true"));
    }
  }
}
