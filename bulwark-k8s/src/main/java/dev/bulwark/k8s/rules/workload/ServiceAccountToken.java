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

/** BW-K046: the service-account token is mounted into the pod. */
public final class ServiceAccountToken extends KubernetesRule {
  public ServiceAccountToken() {
    super("BW-K046", "Service-account token mounted (automountServiceAccountToken not false)", Severity.LOW, Category.PRIVILEGE,
        "Every container of the pod gets a token for the Kubernetes API at /var/run/secrets/kubernetes.io/serviceaccount: code"
            + " execution in any of them can call the API with the service account's rights.",
        "Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount) unless it talks to the Kubernetes API. A"
            + " pod whose ServiceAccount the same file binds to a Role or ClusterRole is taken to use the API and not reported.",
        List.of("automountServiceAccountToken", "CKV_K8S_38", "C-0034", "48471392-d4d0-47c0-b135-cdec95eb3eef"));
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      YamlNode v = pod.spec().get("automountServiceAccountToken");
      if (Values.isFalse(v)) {
        continue;
      }
      if (v == null && (accountSaysFalse(target, pod) || accountIsBound(target, pod))) {
        continue; // the account decides; or the file grants it API rights, which the pod needs its token to use
      }
      report.accept(finding("the pod's service-account token is mounted (automountServiceAccountToken is not false) in "
          + pod.owner().displayName(), target.head(v != null ? v : pod.spec()), pod.owner().displayName()));
    }
  }

  private static String account(PodSpec pod) {
    String name = pod.spec().string("serviceAccountName");
    String account = name == null ? pod.spec().string("serviceAccount") : name;
    return account == null ? "default" : account;
  }

  /** A RoleBinding or ClusterRoleBinding of this file names the pod's (non-default) ServiceAccount as a subject. */
  private static boolean accountIsBound(KubernetesTarget target, PodSpec pod) {
    String sa = account(pod);
    if (sa.equals("default")) {
      return false;
    }
    for (KubeObject o : target.objects()) {
      if (!o.kind().equals("RoleBinding") && !o.kind().equals("ClusterRoleBinding")) {
        continue;
      }
      YamlSequence subjects = o.node().sequence("subjects");
      for (YamlNode s : subjects == null ? List.<YamlNode>of() : subjects.items()) {
        if (s instanceof YamlMapping m && "ServiceAccount".equals(m.string("kind")) && sa.equals(m.string("name"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The pod's ServiceAccount, when this file defines it, sets automountServiceAccountToken: false. */
  private static boolean accountSaysFalse(KubernetesTarget target, PodSpec pod) {
    String sa = account(pod);
    for (KubeObject o : target.objects()) {
      if (o.kind().equals("ServiceAccount") && sa.equals(o.name()) && Values.isFalse(o.node().get("automountServiceAccountToken"))) {
        return true;
      }
    }
    return false;
  }
}
