package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Role's or ClusterRole's {@code rules}: the API groups, resources and verbs it
 * grants (each value with its node, for positions) and whether it is limited to named objects.
 */
public record RbacRule(KubeObject role, List<YamlScalar> apiGroups, List<YamlScalar> resources, List<YamlScalar> verbs,
    boolean namedOnly) {

  /** The rules of {@code o} when it is an {@code rbac.authorization.k8s.io} Role or ClusterRole; empty otherwise. */
  public static List<RbacRule> of(KubeObject o) {
    if (!isRole(o)) {
      return List.of();
    }
    YamlSequence rules = o.node().sequence("rules");
    List<RbacRule> out = new ArrayList<>();
    for (YamlNode n : rules == null ? List.<YamlNode>of() : rules.items()) {
      if (n instanceof YamlMapping m) {
        YamlSequence names = m.sequence("resourceNames");
        out.add(new RbacRule(o, scalars(m, "apiGroups"), scalars(m, "resources"), scalars(m, "verbs"), names != null && !names.items().isEmpty()));
      }
    }
    return out;
  }

  /** A Role or ClusterRole of the RBAC API. */
  public static boolean isRole(KubeObject o) {
    return (o.kind().equals("Role") || o.kind().equals("ClusterRole")) && o.apiVersion().startsWith("rbac.authorization.k8s.io/");
  }

  /** True for a ClusterRole: bound with a ClusterRoleBinding its rules hold in every namespace. */
  public boolean clusterWide() {
    return role.kind().equals("ClusterRole");
  }

  /** The first verb that is one of {@code wanted}, or null ({@code *} is not one: a wildcard is reported by itself). */
  public YamlScalar verb(String... wanted) {
    for (YamlScalar v : verbs) {
      if (List.of(wanted).contains(v.value())) {
        return v;
      }
    }
    return null;
  }

  /** The first resource named exactly {@code name} (not {@code *}: a wildcard is reported by itself), or null. */
  public YamlScalar resource(String name) {
    for (YamlScalar r : resources) {
      if (r.value().equals(name)) {
        return r;
      }
    }
    return null;
  }

  /** True when the rule covers the core API group ({@code ""}) or every group. */
  public boolean coreGroup() {
    for (YamlScalar g : apiGroups) {
      if (g.value().isEmpty() || g.value().equals("*")) {
        return true;
      }
    }
    return false;
  }

  private static List<YamlScalar> scalars(YamlMapping m, String key) {
    YamlSequence s = m.sequence(key);
    List<YamlScalar> out = new ArrayList<>();
    for (YamlNode n : s == null ? List.<YamlNode>of() : s.items()) {
      if (n instanceof YamlScalar v && !v.isNull()) {
        out.add(v);
      }
    }
    return out;
  }
}
