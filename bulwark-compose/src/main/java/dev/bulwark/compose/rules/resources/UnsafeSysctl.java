package dev.bulwark.compose.rules.resources;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C017: a sysctl that weakens isolation. Docker only accepts namespaced sysctls, so most (net.core.somaxconn) change the
 * container's own namespace and are not reported. They reach the host when the namespace is the host's ({@code net.*} with
 * {@code network_mode: host}, IPC ones with {@code ipc: host}): high. {@code route_localnet} lets traffic from outside reach
 * services bound to 127.0.0.1: medium.
 */
public final class UnsafeSysctl extends ComposeRule {
  public UnsafeSysctl() {
    super("BW-C017", "Sysctl that weakens isolation", Severity.HIGH, Category.PRIVILEGE,
        "A sysctl set on a service whose network or IPC namespace is the host's changes the host's kernel settings for every"
            + " process on it (forwarding, reverse-path filtering, shared-memory limits). `net.ipv4.conf.*.route_localnet=1` makes"
            + " 127.0.0.1 routable, so services bound to localhost only are reached from the network. Kubernetes' PSS baseline"
            + " allows only a safe set (BW-K011).",
        "Remove the sysctl or the shared namespace; set host-wide kernel settings on the host, where they are reviewed.",
        List.of());
  }

  /** A sysctl entry: its node, name and value. */
  private record Sysctl(YamlNode node, String name, String value) {}

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      boolean hostNet = "host".equals(s.body().string("network_mode"));
      boolean hostIpc = "host".equals(s.body().string("ipc"));
      for (Sysctl x : sysctls(s.body())) {
        boolean net = x.name().startsWith("net.");
        boolean ipc = x.name().startsWith("kernel.shm") || x.name().startsWith("kernel.msg") || x.name().equals("kernel.sem")
            || x.name().startsWith("fs.mqueue.");
        if (net && hostNet || ipc && hostIpc) {
          report.accept(finding(target, s.displayName() + " sets " + x.name() + " in the host's " + (net ? "network" : "IPC")
              + " namespace: a host-wide kernel setting", x.node(), s.name()));
        } else if (x.name().endsWith(".route_localnet") && !x.value().equals("0")) {
          report.accept(finding(target, Severity.MEDIUM, s.displayName() + " sets " + x.name() + ": 127.0.0.1 becomes routable",
              x.node(), s.name()));
        }
      }
    }
  }

  /** The map ({@code net.core.somaxconn: 1024}) or list ({@code - net.core.somaxconn=1024}) form; names use dots. */
  private static List<Sysctl> sysctls(YamlMapping body) {
    List<Sysctl> out = new ArrayList<>();
    YamlNode n = body.get("sysctls");
    if (n instanceof YamlMapping m) {
      for (YamlMapping.Entry e : m.entries()) {
        String v = e.value() instanceof YamlScalar x ? x.value().strip() : "";
        out.add(new Sysctl(e.key(), e.key().value().strip().replace('/', '.'), v));
      }
    } else if (n instanceof YamlSequence seq) {
      for (YamlNode i : seq.items()) {
        if (i instanceof YamlScalar x && !x.isNull()) {
          int eq = x.value().indexOf('=');
          String name = (eq < 0 ? x.value() : x.value().substring(0, eq)).strip().replace('/', '.');
          out.add(new Sysctl(x, name, eq < 0 ? "" : x.value().substring(eq + 1).strip()));
        }
      }
    }
    return out;
  }
}
