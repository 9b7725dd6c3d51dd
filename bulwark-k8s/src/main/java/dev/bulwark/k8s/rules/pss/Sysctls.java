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

/** BW-K011: unsafe sysctls (PSS baseline, {@code sysctls}). */
public final class Sysctls extends PssRule {
  private static final List<String> V1_0 = List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start");
  private static final List<String> V1_27 = List.of("net.ipv4.ip_local_reserved_ports");
  private static final List<String> V1_29 = List.of("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
  private static final List<String> V1_32 = List.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  private static final List<String> V1_37 = List.of("net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  public Sysctls() {
    super("BW-K011", "Unsafe sysctl", Severity.HIGH, PssLevel.BASELINE, "sysctls", 0,
        "Sysctls outside the safe, namespaced set change the kernel for every pod on the node, or turn off protections.",
        "Remove the sysctl, or set it on the node if it is truly needed there.", List.of("sysctls"));
  }

  static boolean safe(String name, int minor) {
    return V1_0.contains(name) || (minor >= 27 && V1_27.contains(name)) || (minor >= 29 && V1_29.contains(name))
        || (minor >= 32 && V1_32.contains(name)) || (minor >= 37 && V1_37.contains(name));
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    YamlNode s = pod.security("sysctls");
    if (!(s instanceof YamlSequence seq)) {
      return;
    }
    for (YamlNode n : seq.items()) {
      if (n instanceof YamlMapping m) {
        String name = m.string("name");
        if (!safe(name == null ? "" : name, minor)) {
          out.accept(new Violation(m.get("name") != null ? m.get("name") : m, "sysctl " + name));
        }
      }
    }
  }
}
