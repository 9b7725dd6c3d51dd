package dev.bulwark.k8s.rules.workload;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.k8s.Container;
import dev.bulwark.k8s.KubeObject;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.PodSpec;
import dev.bulwark.k8s.Values;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** BW-K044: image :latest or untagged. */
public final class LatestImage extends KubernetesRule {
  public LatestImage() {
    super("BW-K044", "Image :latest or untagged", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "`:latest` (or no tag) is whatever was pushed last: nodes run different images, a rollback brings back the new one, and a"
            + " compromised push is deployed on the next pull.",
        "Pin a version tag, better a digest: `image: registry/app:1.4.2@sha256:…`.",
        List.of("container-image-tag", "tagNotSpecified", "CKV_K8S_14"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      for (Container c : pod.containers()) {
        YamlScalar image = c.image();
        Optional<ImageReference> ref = c.imageReference();
        if (ref.isPresent() && ref.get().isLatestOrUntagged()) {
          report.accept(finding(c.displayName() + " runs " + image.value() + (ref.get().tag() == null ? ", which has no tag" : "")
              + " in " + pod.owner().displayName(), target.head(image), pod.owner().displayName()));
        }
      }
    }
  }
}
