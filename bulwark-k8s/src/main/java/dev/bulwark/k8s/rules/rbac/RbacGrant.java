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

/**
 * The shape of the RBAC checks that look for one dangerous grant: verbs on named resources of the
 * core group (a wildcard resource is BW-K060's), high in a ClusterRole, medium in a Role, and not
 * reported when the rule is limited to named objects ({@code resourceNames}).
 */
abstract class RbacGrant extends KubernetesRule {
  private final List<String> resources;
  private final String[] verbs;
  private final String grants;

  RbacGrant(String id, String title, String rationale, String fix, List<String> aliases, List<String> resources, String grants,
      String... verbs) {
    super(id, title, Severity.HIGH, Category.PRIVILEGE, rationale, fix, aliases, "https://kubernetes.io/docs/concepts/security/rbac-good-practices/");
    this.resources = resources;
    this.verbs = verbs;
    this.grants = grants;
  }

  /** Whether a rule limited to named objects still counts (create on pods/exec has no object name to limit it by). */
  boolean namedObjectsLimit() {
    return true;
  }

  /** What holding {@code verb} on the resource lets the holder do, as the message says it. */
  String grants(String verb) {
    return grants;
  }

  /** Whether the finding points at the verb (escalate, bind) rather than at the resource (secrets, pods/exec). */
  boolean atVerb() {
    return false;
  }

  /** Whether the grant needs the core API group (Secrets, pods/exec) rather than rbac.authorization.k8s.io's resources. */
  boolean core() {
    return true;
  }

  @Override
  public final void check(KubernetesTarget target, Consumer<Finding> report) {
    for (KubeObject o : target.objects()) {
      for (RbacRule r : RbacRule.of(o)) {
        if ((r.namedOnly() && namedObjectsLimit()) || (core() ? !r.coreGroup() : !rbacGroup(r))) {
          continue;
        }
        YamlScalar verb = r.verb(verbs);
        for (YamlScalar resource : verb == null ? List.<YamlScalar>of() : r.resources()) {
          if (resources.contains(resource.value())) {
            report.accept(finding(r.clusterWide() ? Severity.HIGH : Severity.MEDIUM, o.displayName() + " " + grants(verb.value()) + " (" + verb.value()
                + " on " + resource.value() + (r.clusterWide() ? ", in every namespace it is bound for" : "") + ")",
                target.head(atVerb() ? verb : resource), o.displayName()));
            break;
          }
        }
      }
    }
  }

  private static boolean rbacGroup(RbacRule r) {
    for (YamlScalar g : r.apiGroups()) {
      if (g.value().equals("rbac.authorization.k8s.io") || g.value().equals("*")) {
        return true;
      }
    }
    return r.resources().stream().anyMatch(x -> x.value().equals("users") || x.value().equals("groups") || x.value().equals("serviceaccounts"));
  }
}
