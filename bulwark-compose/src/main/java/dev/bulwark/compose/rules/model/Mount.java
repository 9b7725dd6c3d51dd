package dev.bulwark.compose.rules.model;

import dev.bulwark.compose.ComposeService;
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

  /** The mounts of {@code s}; entries that are neither a string nor a mapping are skipped. */
  public static List<Mount> of(ComposeService s) {
    List<Mount> out = new ArrayList<>();
    if (!(s.body().get("volumes") instanceof YamlSequence seq)) {
      return out;
    }
    for (YamlNode n : seq.items()) {
      if (n instanceof YamlScalar x && !x.isNull()) {
        out.add(parseShort(x));
      } else if (n instanceof YamlMapping m) {
        out.add(parseLong(m));
      }
    }
    return out;
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
    return new Mount(m, source, m.string("target"), dev.bulwark.compose.ComposeTarget.isTrue(m.get("read_only")), propagation, host);
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
