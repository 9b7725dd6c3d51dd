package dev.bulwark.compose;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlScalar;

/**
 * One service of a Compose file: its name, the key it is written under (where findings about
 * something missing from it point) and its body.
 */
public record ComposeService(String name, YamlScalar key, YamlMapping body) {

  /** {@code service web}, as messages name it. */
  public String displayName() {
    return "service " + name;
  }

  /** The profiles the service is in ({@code profiles: [debug]}); empty when it always starts. Bulwark lints every service. */
  public java.util.List<String> profiles() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (body.get("profiles") instanceof dev.bulwark.yaml.YamlSequence s) {
      for (dev.bulwark.yaml.YamlNode n : s.items()) {
        if (n instanceof YamlScalar v && !v.isNull()) {
          out.add(v.value());
        }
      }
    }
    return out;
  }
}
