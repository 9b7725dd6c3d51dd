package dev.bulwark.compose.rules.model;

import dev.bulwark.compose.ComposeService;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading a service's fields as Compose does: lists of strings, {@code security_opt} entries, values still holding a variable. */
public final class Fields {
  private Fields() {}

  /** The non-null scalars of the sequence {@code key} of {@code body} (none when it is absent or not a sequence). */
  public static List<YamlScalar> strings(YamlMapping body, String key) {
    List<YamlScalar> out = new ArrayList<>();
    if (body.get(key) instanceof YamlSequence s) {
      for (YamlNode n : s.items()) {
        if (n instanceof YamlScalar x && !x.isNull()) {
          out.add(x);
        }
      }
    }
    return out;
  }

  /** The non-null scalar {@code key} of {@code body}, or null. */
  public static YamlScalar scalar(YamlMapping body, String key) {
    YamlScalar s = body.scalar(key);
    return s == null || s.isNull() ? null : s;
  }

  /** True when {@code value} still holds a {@code ${VAR}} or {@code $VAR} reference: its value is not known here. */
  public static boolean isVariable(String value) {
    int at = value.indexOf('$');
    while (at >= 0 && at + 1 < value.length()) {
      char c = value.charAt(at + 1);
      if (c == '{' || c == '_' || Character.isLetter(c)) {
        return true;
      }
      at = value.indexOf('$', at + (c == '$' ? 2 : 1));
    }
    return false;
  }

  /**
   * The {@code security_opt} entry of {@code s} that sets {@code name} ({@code seccomp}, {@code apparmor}, {@code label},
   * {@code no-new-privileges}), with its value (empty for a bare name): Docker takes {@code name:value} and {@code name=value}.
   */
  public static List<Opt> securityOpts(ComposeService s) {
    List<Opt> out = new ArrayList<>();
    for (YamlScalar x : strings(s.body(), "security_opt")) {
      String v = x.value().strip();
      int sep = indexOfSeparator(v);
      String name = (sep < 0 ? v : v.substring(0, sep)).strip().toLowerCase(Locale.ROOT);
      String value = sep < 0 ? "" : v.substring(sep + 1).strip();
      out.add(new Opt(x, name, value));
    }
    return out;
  }

  private static int indexOfSeparator(String v) {
    int colon = v.indexOf(':');
    int eq = v.indexOf('=');
    return colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
  }

  /** One {@code security_opt} entry: {@code seccomp:unconfined} is name {@code seccomp}, value {@code unconfined}. */
  public record Opt(YamlScalar node, String name, String value) {}

  /**
   * {@code value} split at each ':' outside a {@code ${…}} reference ({@code ${PORT:-8080}:80} is two parts), keeping a
   * Windows drive letter ({@code C:\\data}) in its part.
   */
  public static List<String> splitColons(String value) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int depth = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ':' && depth == 0 && !isDriveLetter(value, start, i)) {
        parts.add(value.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(value.substring(start));
    return parts;
  }

  private static boolean isDriveLetter(String v, int start, int colon) {
    return colon == start + 1 && Character.isLetter(v.charAt(start)) && colon + 1 < v.length()
        && (v.charAt(colon + 1) == '\\' || v.charAt(colon + 1) == '/');
  }

  /** True when the service is {@code privileged: true}: the rules about what it lacks then say nothing more. */
  public static boolean isPrivileged(ComposeService s) {
    return dev.bulwark.compose.ComposeTarget.isTrue(s.body().get("privileged"));
  }

  /** The image's name without registry, path, tag or digest, lower-cased ({@code postgresql} for {@code bitnami/postgresql:16}), or null. */
  public static String imageName(ComposeService s) {
    String image = s.body().string("image");
    if (image == null) {
      return null;
    }
    String name = image.strip().toLowerCase(Locale.ROOT);
    int at = name.indexOf('@');
    name = at < 0 ? name : name.substring(0, at);
    name = name.substring(name.lastIndexOf('/') + 1);
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** {@code deploy.resources.limits} of the service body, or null. */
  public static YamlMapping limits(YamlMapping body) {
    YamlMapping deploy = body.mapping("deploy");
    YamlMapping resources = deploy == null ? null : deploy.mapping("resources");
    return resources == null ? null : resources.mapping("limits");
  }

  /** A limit that limits: set, and not 0 or -1 (unlimited). A variable counts as set. */
  public static boolean isLimit(YamlNode n) {
    if (!(n instanceof YamlScalar s) || s.isNull()) {
      return false;
    }
    String v = s.value().strip();
    return !v.isEmpty() && !v.equals("0") && !v.equals("-1");
  }

  /** The top-level {@code volumes}/{@code networks}… mapping entry {@code name} of the file, or null. */
  public static YamlMapping topLevel(YamlMapping root, String section, String name) {
    YamlMapping m = root == null ? null : root.mapping(section);
    return m == null ? null : m.mapping(name);
  }
}
