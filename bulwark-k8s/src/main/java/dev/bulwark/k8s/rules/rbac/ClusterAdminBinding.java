package dev.bulwark.k8s.rules.rbac;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.KubeObject;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.yaml.YamlMapping;
import java.util.List;
import java.util.function.Consumer;

/** BW-K061: a binding to the cluster-admin ClusterRole. */
public final class ClusterAdminBinding extends KubernetesRule {
  public ClusterAdminBinding() {
    super("BW-K061", "Bound to cluster-admin", Severity.HIGH, Category.PRIVILEGE,
        "cluster-admin can do anything to any object: whoever holds the bound account (any pod that mounts its token) owns the"
            + " cluster, or with a RoleBinding the whole namespace, its Secrets and its RBAC included.",
        "Bind a Role or ClusterRole that lists only what the account uses; keep cluster-admin for break-glass humans.",
        List.of("clusterrolebindingClusterAdmin", "rolebindingClusterAdminClusterRole", "249328b8-5f0f-409f-b1dd-029f07882e11"),
        "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles");
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (KubeObject o : target.objects()) {
      boolean cluster = o.kind().equals("ClusterRoleBinding");
      if (!cluster && !o.kind().equals("RoleBinding") || !o.apiVersion().startsWith("rbac.authorization.k8s.io/")) {
        continue;
      }
      YamlMapping ref = o.node().mapping("roleRef");
      if (ref != null && "ClusterRole".equals(ref.string("kind")) && "cluster-admin".equals(ref.string("name"))) {
        report.accept(finding(cluster ? Severity.HIGH : Severity.MEDIUM, o.displayName() + " grants cluster-admin"
            + (cluster ? " over the whole cluster" : " over namespace " + (o.namespace() == null ? "(the default one)" : o.namespace()))
            + " to its subjects", target.head(ref.get("name")), o.displayName()));
      }
    }
  }
}
