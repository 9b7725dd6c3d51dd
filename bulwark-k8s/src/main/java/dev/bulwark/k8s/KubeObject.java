package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;

/** One Kubernetes object of a manifest: a top-level document, or an item of a {@code kind: List}. */
public record KubeObject(String apiVersion, String kind, String name, String namespace, YamlMapping node) {

  /** {@code Deployment/web}, as messages name it. */
  public String displayName() {
    return kind + "/" + (name == null ? "(unnamed)" : name);
  }
}
