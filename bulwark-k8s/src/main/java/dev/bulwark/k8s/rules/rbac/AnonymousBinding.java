package dev.bulwark.k8s.rules.rbac;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.KubeObject;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.function.Consumer;

/** BW-K065: a binding whose subject is every anonymous or every authenticated caller. */
public final class AnonymousBinding extends KubernetesRule {
  public AnonymousBinding() {
    super("BW-K065", "Role bound to anonymous or all authenticated users", Severity.CRITICAL, Category.PRIVILEGE,
        "system:anonymous and system:unauthenticated are anyone who can reach the API server; system:authenticated is every"
            + " account of the cluster, every pod's service account included.",
        "Bind the role to the users, groups or service accounts that need it.",
        List.of(), "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings");
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (KubeObject o : target.objects()) {
      if (!o.kind().equals("ClusterRoleBinding") && !o.kind().equals("RoleBinding") || !o.apiVersion().startsWith("rbac.authorization.k8s.io/")) {
        continue;
      }
      YamlSequence subjects = o.node().sequence("subjects");
      for (YamlNode n : subjects == null ? List.<YamlNode>of() : subjects.items()) {
        if (!(n instanceof YamlMapping s) || s.string("name") == null) {
          continue;
        }
        String name = s.string("name");
        if (name.equals("system:anonymous") || name.equals("system:unauthenticated")) {
          report.accept(finding(o.displayName() + " binds its role to " + name + ": anyone who reaches the API server has it",
              target.head(s.get("name")), o.displayName()));
        } else if (name.equals("system:authenticated")) {
          report.accept(finding(Severity.HIGH, o.displayName() + " binds its role to system:authenticated: every account of the"
              + " cluster has it", target.head(s.get("name")), o.displayName()));
        }
      }
    }
  }
}
