package dev.bulwark.k8s.rules.pss;

import dev.bulwark.core.Severity;
import dev.bulwark.k8s.Container;
import dev.bulwark.k8s.PodSpec;
import dev.bulwark.k8s.PssLevel;
import dev.bulwark.k8s.PssRule;
import dev.bulwark.k8s.Values;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-K020: volume types outside the restricted set (PSS restricted, {@code restrictedVolumes}). */
public final class RestrictedVolumes extends PssRule {
  private static final List<String> ALLOWED = List.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
      "persistentVolumeClaim", "projected", "secret");

  public RestrictedVolumes() {
    super("BW-K020", "Volume type outside the restricted set", Severity.MEDIUM, PssLevel.RESTRICTED, "restrictedVolumes", 0,
        "Inline network and node volumes (nfs, iscsi, rbd, gitRepo, flexVolume…) are mounted by the node with its own credentials and"
            + " drivers; gitRepo runs git on the node. The restricted level allows only volumes Kubernetes itself manages.",
        "Use a PersistentVolumeClaim (or csi, ephemeral) for storage, and configMap, secret, projected, downwardAPI or emptyDir for the"
            + " rest.",
        List.of("restrictedVolumes"));
  }

  @Override
  public List<String> overrides(int minor) {
    return List.of("hostPathVolumes");
  }

  @Override
  public void violations(PodSpec pod, int minor, Consumer<Violation> out) {
    for (YamlMapping v : pod.volumes()) {
      if (allowed(v)) {
        continue;
      }
      YamlMapping.Entry source = null;
      for (YamlMapping.Entry e : v.entries()) {
        if (!e.key().value().equals("name") && e.value() instanceof YamlMapping) {
          source = e;
          break;
        }
      }
      String type = source == null ? "unknown" : source.key().value();
      boolean hostPath = v.get("hostPath") instanceof YamlMapping; // hostPathVolumes (BW-K005) reports it
      out.accept(new Violation(source == null ? v : source.key(), "volume \"" + v.string("name") + "\" uses restricted volume type " + type,
          null, hostPath));
    }
  }

  /**
   * pod-security-admission's test: any allowed source that is set (non-null) admits the volume. A
   * volume with no source at all is an emptyDir: the API server defaults it so (SetDefaults_Volume).
   */
  private static boolean allowed(YamlMapping v) {
    boolean anySource = false;
    for (YamlMapping.Entry e : v.entries()) {
      boolean set = !(e.value() instanceof YamlScalar x && x.isNull());
      if (set && ALLOWED.contains(e.key().value())) {
        return true;
      }
      anySource |= set && !e.key().value().equals("name");
    }
    return !anySource;
  }
}
