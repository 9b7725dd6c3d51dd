package dev.bulwark.k8s.rules.rbac;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.KubeObject;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.RbacRule;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/** BW-K060: a wildcard ({@code *}) in the verbs or resources of a Role or ClusterRole rule. */
public final class RbacWildcard extends KubernetesRule {
  public RbacWildcard() {
    super("BW-K060", "Wildcard in a Role or ClusterRole", Severity.MEDIUM, Category.PRIVILEGE,
        "`*` grants every verb or every resource, including those added later (new CRDs, subresources such as pods/exec and"
            + " serviceaccounts/token): `*` on both is cluster-admin for whoever is bound.",
        "List the verbs and resources the workload uses (`kubectl auth can-i --list --as system:serviceaccount:NS:NAME` shows"
            + " what it has; audit logs show what it uses).",
        List.of("CKV_K8S_49", "6b896afb-ca07-467a-b256-1a0077a1c08e"),
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/");
  }

  /** Resources whose every verb hands out more than the role: contents of Secrets, other pods' processes, RBAC itself. */
  private static final java.util.Set<String> SENSITIVE = java.util.Set.of("secrets", "pods/exec", "pods/attach", "roles", "clusterroles",
      "rolebindings", "clusterrolebindings", "serviceaccounts/token", "nodes/proxy");

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    for (KubeObject o : target.objects()) {
      for (RbacRule r : RbacRule.of(o)) {
        YamlScalar verb = wildcard(r.verbs());
        YamlScalar resource = wildcard(r.resources());
        if (verb == null && resource == null) {
          continue;
        }
        String scope = r.clusterWide() ? "in every namespace it is bound for" : "in its namespace";
        if (verb != null && resource != null && r.coreGroup()) {
          report.accept(finding(Severity.HIGH, o.displayName() + " grants every verb on every resource " + scope + ": administrator rights",
              target.head(verb), o.displayName()));
        } else if (verb != null && resource != null) {
          // every resource of named API groups only (an aggregated metrics API, an operator's own CRDs)
          report.accept(finding(o.displayName() + " grants every verb on every resource of API group " + names(r.apiGroups()),
              target.head(verb), o.displayName()));
        } else if (verb != null) {
          // every verb on Secrets, exec or RBAC objects is what BW-K062..K064 report for one verb: as severe, cluster-wide
          boolean sensitive = r.resources().stream().anyMatch(x -> SENSITIVE.contains(x.value()));
          report.accept(finding(sensitive && r.clusterWide() ? Severity.HIGH : Severity.MEDIUM, o.displayName() + " grants every verb on "
              + names(r.resources()) + (sensitive && r.clusterWide() ? ", in every namespace it is bound for" : ""), target.head(verb), o.displayName()));
        } else {
          report.accept(finding(o.displayName() + " grants " + names(r.verbs()) + " on every resource"
              + (r.coreGroup() ? "" : " of API group " + names(r.apiGroups())),
              target.head(resource), o.displayName()));
        }
      }
    }
  }

  private static YamlScalar wildcard(List<YamlScalar> values) {
    for (YamlScalar v : values) {
      if (v.value().equals("*")) {
        return v;
      }
    }
    return null;
  }

  private static String names(List<YamlScalar> values) {
    StringBuilder sb = new StringBuilder();
    for (YamlScalar v : values) {
      sb.append(sb.isEmpty() ? "" : ", ").append(v.value());
      if (sb.length() > 80) {
        return sb.append(", …").toString();
      }
    }
    return sb.toString();
  }
}
