package dev.bulwark.compose.rules.model;

import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a service's {@code volumes}, short ({@code /src:/dst:ro,rshared}) or long ({@code type: bind, source:,
 * read_only:, bind: {propagation:}}) syntax. {@code source} is null for an anonymous volume; {@code hostPath} is true when it
 * names a path on the host (a bind mount), not a named volume.
 */
public record Mount(YamlNode node, String source, String target, boolean readOnly, String propagation, boolean hostPath) {

  /**
   * The mounts of {@code s}; entries that are neither a string nor a mapping are skipped. A named volume that the file's
   * top-level {@code volumes} binds to a host directory ({@code driver_opts: {o: bind, device: /etc}}) is that host path.
   */
  public static List<Mount> of(ComposeTarget target, ComposeService s) {
    List<Mount> out = new ArrayList<>();
    if (!(s.body().get("volumes") instanceof YamlSequence seq)) {
      return out;
    }
    for (YamlNode n : seq.items()) {
      Mount m = n instanceof YamlScalar x && !x.isNull() ? parseShort(x) : n instanceof YamlMapping map ? parseLong(map) : null;
      if (m == null) {
        continue;
      }
      String device = m.hostPath() || m.source() == null ? null : boundDevice(target.root(), m.source());
      out.add(device == null ? m : new Mount(m.node(), device, m.target(), m.readOnly(), m.propagation(), true));
    }
    return out;
  }

  /** The host directory a named volume of the local driver binds ({@code o} holding {@code bind}), or null. */
  private static String boundDevice(YamlMapping root, String volume) {
    YamlMapping v = Fields.topLevel(root, "volumes", volume);
    YamlMapping opts = v == null ? null : v.mapping("driver_opts");
    String device = opts == null ? null : opts.string("device");
    String o = opts == null ? null : opts.string("o");
    return device != null && device.startsWith("/") && o != null && o.contains("bind") ? device : null;
  }

  /** {@code [source:]target[:mode]}, where mode is a comma list of ro/rw, z/Z, nocopy and a propagation. */
  static Mount parseShort(YamlScalar x) {
    String v = x.value().strip();
    String source = null;
    String target = v;
    String mode = "";
    List<String> parts = Fields.splitColons(v);
    if (parts.size() == 2) {
      source = parts.get(0);
      target = parts.get(1);
    } else if (parts.size() >= 3) {
      source = parts.get(0);
      target = parts.get(1);
      mode = parts.get(2);
    }
    boolean ro = false;
    String propagation = null;
    for (String m : mode.split(",")) {
      String o = m.strip();
      if (o.equals("ro") || o.equals("readonly")) {
        ro = true;
      } else if (o.endsWith("shared") || o.endsWith("slave") || o.endsWith("private")) {
        propagation = o;
      }
    }
    return new Mount(x, source, target, ro, propagation, source != null && isHostPath(source));
  }

  static Mount parseLong(YamlMapping m) {
    String type = m.string("type");
    String source = m.string("source");
    YamlMapping bind = m.mapping("bind");
    String propagation = bind == null ? null : bind.string("propagation");
    boolean host = source != null && ("bind".equals(type) || type == null && isHostPath(source));
    return new Mount(m, source, m.string("target"), ComposeTarget.isTrue(m.get("read_only")), propagation, host);
  }

  /** A source that is a host path as Compose reads one: absolute, relative ({@code ./}, {@code ../}, {@code .}) or under {@code ~}. */
  static boolean isHostPath(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.length() > 2 && source.charAt(1) == ':';
  }

  /** The host path with trailing slashes and {@code /./} steps removed; {@code /} stays {@code /}. */
  public String normalizedSource() {
    String p = source.replaceAll("/+", "/").replace("/./", "/");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith("/.")) {
      p = p.length() == 2 ? "/" : p.substring(0, p.length() - 2);
    }
    return p;
  }
}
