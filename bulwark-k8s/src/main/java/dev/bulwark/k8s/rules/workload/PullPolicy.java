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

/** BW-K045: imagePullPolicy lets a node run a stale copy of a moving tag. */
public final class PullPolicy extends KubernetesRule {
  public PullPolicy() {
    super("BW-K045", "imagePullPolicy not Always for a tag without a version", Severity.LOW, Category.SUPPLY_CHAIN,
        "A tag without a version (latest, stable, main, a flavour name) is re-pushed; with IfNotPresent (the default for any tag but latest) or Never each node keeps"
            + " the copy it pulled first, so nodes run different code and a fixed image never arrives.",
        "Pin the image by digest or a version tag (then IfNotPresent is right), or set `imagePullPolicy: Always`.",
        List.of("container-image-pull-policy", "pullPolicyNotAlways", "CKV_K8S_15", "C-0075", "caa3479d-885d-4882-9aac-95e5e78ef5c2"));
  }

  /** A version (1.4.2, v0.10.6, 2.3, v1, 1.27.2-alpine, beta-2.1): a tag that says which release it is, unlike latest, stable, main or aspnetapp. */
  static boolean isRelease(String tag) {
    return tag != null && RELEASE.matcher(tag).find();
  }

  private static final java.util.regex.Pattern RELEASE = java.util.regex.Pattern.compile("^v?\\d|\\d+\\.\\d+");

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      for (Container c : pod.containers()) {
        YamlScalar image = c.image();
        Optional<ImageReference> ref = c.imageReference();
        if (ref.isEmpty() || ref.get().isPinnedByDigest() || isRelease(ref.get().tag())) {
          continue;
        }
        YamlScalar policy = c.node().scalar("imagePullPolicy");
        if (policy == null) {
          if (!ref.get().isLatestOrUntagged()) { // latest and untagged default to Always
            report.accept(finding(c.displayName() + " runs " + image.value() + ", a tag without a version, without imagePullPolicy: Always"
                + " (the default is IfNotPresent) in " + pod.owner().displayName(), target.head(image), pod.owner().displayName()));
          }
        } else if (!policy.value().equals("Always")) {
          report.accept(finding(c.displayName() + " runs " + image.value() + ", a tag without a version, with imagePullPolicy: " + policy.value()
              + " in " + pod.owner().displayName(), target.head(policy), pod.owner().displayName()));
        }
      }
    }
  }
}
