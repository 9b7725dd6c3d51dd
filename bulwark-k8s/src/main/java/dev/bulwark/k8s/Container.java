package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;

/** A container of a pod spec: which list it is in ({@code containers}, {@code initContainers}, {@code ephemeralContainers}) and its node. */
public record Container(YamlMapping node, String list, String name) {

  /** {@code container "app"}, {@code init container "setup"}, as messages name it. */
  public String displayName() {
    String what = switch (list) {
      case "initContainers" -> "init container";
      case "ephemeralContainers" -> "ephemeral container";
      default -> "container";
    };
    return what + " \"" + (name == null ? "" : name) + "\"";
  }

  /** The {@code image} value, or null. */
  public dev.bulwark.yaml.YamlScalar image() {
    return node.scalar("image");
  }

  /** The image reference, when the image is one Docker would accept. */
  public java.util.Optional<dev.bulwark.core.ref.ImageReference> imageReference() {
    dev.bulwark.yaml.YamlScalar image = image();
    return image == null ? java.util.Optional.empty() : dev.bulwark.core.ref.ImageReference.tryParse(image.value());
  }

  public boolean isInit() {
    return list.equals("initContainers");
  }

  /** The container's {@code securityContext}, or null. */
  public YamlMapping securityContext() {
    return node.mapping("securityContext");
  }

  /** {@code securityContext.<key>}'s value node, or null. */
  public dev.bulwark.yaml.YamlNode security(String key) {
    YamlMapping sc = securityContext();
    return sc == null ? null : sc.get(key);
  }
}
