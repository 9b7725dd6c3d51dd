package dev.bulwark.compose.rules.model;

import dev.bulwark.compose.ComposeService;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a service's {@code ports}: short ({@code [host_ip:][published:]target[/protocol]}, ranges allowed) or long
 * ({@code target:, published:, host_ip:}) syntax. {@code hostIp} is null when none is given; {@code target} is the container
 * port or range as written.
 */
public record Port(YamlNode node, String hostIp, String published, String target) {

  public static List<Port> of(ComposeService s) {
    List<Port> out = new ArrayList<>();
    if (!(s.body().get("ports") instanceof YamlSequence seq)) {
      return out;
    }
    for (YamlNode n : seq.items()) {
      if (n instanceof YamlScalar x && !x.isNull()) {
        out.add(parseShort(x));
      } else if (n instanceof YamlMapping m && m.get("target") instanceof YamlScalar t && !t.isNull()) {
        YamlScalar ip = m.scalar("host_ip");
        YamlScalar pub = m.scalar("published");
        out.add(new Port(m, ip == null || ip.isNull() ? null : ip.value(), pub == null || pub.isNull() ? null : pub.value(), t.value()));
      }
    }
    return out;
  }

  static Port parseShort(YamlScalar x) {
    String v = x.value().strip();
    int slash = v.lastIndexOf('/');
    if (slash >= 0 && !v.substring(slash).contains("]")) {
      v = v.substring(0, slash);
    }
    String hostIp = null;
    if (v.startsWith("[")) { // [::1]:8080:80
      int close = v.indexOf(']');
      if (close > 0) {
        hostIp = v.substring(1, close);
        v = v.substring(close + 1);
        v = v.startsWith(":") ? v.substring(1) : v;
      }
    }
    List<String> parts = Fields.splitColons(v);
    String target = parts.get(parts.size() - 1);
    String published = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    if (hostIp == null && parts.size() >= 3) {
      hostIp = String.join(":", parts.subList(0, parts.size() - 2));
    } else if (hostIp == null && published != null && published.contains(".") && !Fields.isVariable(published)) {
      hostIp = published; // 127.0.0.1:80 is not valid Compose, but say what it means: an address, then the port
      published = null;
    }
    return new Port(x, hostIp == null || hostIp.isEmpty() ? null : hostIp, published == null || published.isEmpty() ? null : published, target);
  }

  /** True when the port listens on every host interface: no host IP, {@code 0.0.0.0} or {@code ::}. */
  public boolean onAllInterfaces() {
    return hostIp == null || hostIp.equals("0.0.0.0") || hostIp.equals("::") || hostIp.equals("[::]");
  }

  /** The first container port of {@code target} ({@code 80} of {@code 80-90}), or -1 when it is not a number. */
  public int firstTarget() {
    String t = target;
    int dash = t.indexOf('-');
    if (dash > 0) {
      t = t.substring(0, dash);
    }
    try {
      return Integer.parseInt(t.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
