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

/** BW-K047: a secret written into an env value. */
public final class SecretInEnv extends KubernetesRule {
  public SecretInEnv() {
    super("BW-K047", "Secret in an environment value", Severity.HIGH, Category.SECRETS,
        "A secret written in the manifest is in the repository, in every copy of the file and in the object anyone who can read the"
            + " workload sees; it cannot be rotated without a commit.",
        "Put it in a Secret and reference it: `valueFrom: {secretKeyRef: {name: app, key: token}}` (or mount it as a file).",
        List.of("sensitiveContainerEnvVar", "C-0012"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      for (Container c : pod.containers()) {
        YamlSequence env = c.node().sequence("env");
        if (env == null) {
          continue;
        }
        for (YamlNode n : env.items()) {
          if (!(n instanceof YamlMapping e)) {
            continue;
          }
          String name = e.string("name");
          YamlScalar value = e.scalar("value");
          if (name == null || value == null || value.value().isEmpty() || Secrets.isPlaceholder(value.value())) {
            continue;
          }
          String v = value.value();
          String credential = Secrets.credentialIn(v);
          // $(VAR) is Kubernetes' reference to another variable, a leading / a path to a mounted secret
          boolean named = Secrets.isSecretName(name) && !Secrets.isPublicValue(name, v) && !v.contains("$(") && !v.startsWith("/");
          if (credential == null && named && Secrets.isExampleValue(name, v)) {
            // postgres, minio123, changeme: public wherever the manifest is, and a sign of a demo or development manifest
            report.accept(finding(Severity.LOW, c.displayName() + " sets " + name + " to the literal example value " + Secrets.mask(v)
                + " in " + pod.owner().displayName() + ": fine for a local cluster, public anywhere else", target.head(value),
                pod.owner().displayName()));
          } else if (credential != null || named) {
            report.accept(finding(c.displayName() + " sets " + name + " to a literal " + (credential != null ? "credential-shaped value" : "secret")
                + " (" + Secrets.mask(v) + ") in " + pod.owner().displayName(), target.head(value), pod.owner().displayName()));
          }
        }
      }
    }
  }
}
