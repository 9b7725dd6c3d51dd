package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import dev.bulwark.yaml.YamlScalar;
import java.util.Map;
import java.util.HashMap;

/**
 * A pod spec and the metadata that goes with it (the Pod's own, or the template's), in the object
 * that holds it. Pod Security admission checks controllers through their pod templates, with the
 * template's metadata, and so do these checks.
 */
public record PodSpec(KubeObject owner, YamlMapping metadata, YamlMapping spec) {

  /** init containers, containers, then ephemeral containers: the order pod-security-admission visits them. */
  public List<Container> containers() {
    List<Container> out = new ArrayList<>();
    add(out, "initContainers");
    add(out, "containers");
    add(out, "ephemeralContainers");
    return out;
  }

  private void add(List<Container> out, String list) {
    YamlSequence s = spec.sequence(list);
    if (s == null) {
      return;
    }
    for (YamlNode n : s.items()) {
      if (n instanceof YamlMapping m) {
        out.add(new Container(m, list, m.string("name")));
      }
    }
  }

  /** The entries of {@code spec.volumes} that are mappings. */
  public List<YamlMapping> volumes() {
    YamlSequence s = spec.sequence("volumes");
    List<YamlMapping> out = new ArrayList<>();
    for (YamlNode n : s == null ? List.<YamlNode>of() : s.items()) {
      if (n instanceof YamlMapping m) {
        out.add(m);
      }
    }
    return out;
  }

  /** The pod-level {@code securityContext}, or null. */
  public YamlMapping securityContext() {
    return spec.mapping("securityContext");
  }

  /** {@code spec.securityContext.<key>}'s value node, or null. */
  public YamlNode security(String key) {
    YamlMapping sc = securityContext();
    return sc == null ? null : sc.get(key);
  }

  /** {@code metadata.labels} as strings (what selectors match), empty when there are none. */
  public Map<String, String> labels() {
    YamlMapping labels = metadata == null ? null : metadata.mapping("labels");
    Map<String, String> out = new HashMap<>();
    for (YamlMapping.Entry e : labels == null ? List.<YamlMapping.Entry>of() : labels.entries()) {
      if (e.value() instanceof YamlScalar v && !v.isNull()) {
        out.put(e.key().value(), v.value());
      }
    }
    return out;
  }

  /** {@code metadata.annotations}, or null. */
  public YamlMapping annotations() {
    return metadata == null ? null : metadata.mapping("annotations");
  }

  /** {@code hostUsers: false}: the pod runs in its own user namespace, which some checks relax for. */
  public boolean inUserNamespace() {
    return Values.isFalse(spec.get("hostUsers"));
  }

  /** {@code spec.os.name: windows}. */
  public boolean isWindows() {
    YamlMapping os = spec.mapping("os");
    return os != null && "windows".equals(os.string("name"));
  }

  /** Where a finding about the whole pod spec points: the spec's key in its parent ({@code spec:}), else its first line. */
  public YamlNode anchor() {
    return spec;
  }
}
