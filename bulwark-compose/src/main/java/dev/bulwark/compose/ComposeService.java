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
}
