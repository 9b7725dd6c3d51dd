package dev.bulwark.k8s.rules.rbac;

import java.util.List;

/** BW-K062: a Role or ClusterRole that reads or writes every Secret. */
public final class SecretsAccess extends RbacGrant {
  public SecretsAccess() {
    super("BW-K062", "Role reads or manages Secrets",
        "get, list or watch on secrets returns their contents: every token, password and TLS key of the namespace (of the"
            + " cluster, for a ClusterRole). Service-account tokens among them lead to higher rights.",
        "Name the Secrets the workload needs (`resourceNames: [my-app-tls]`) or mount them instead of reading them from the API.",
        List.of("KSV041", "KSV113", "b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14"), List.of("secrets"), "can change Secrets",
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
  }

  @Override
  String grants(String verb) {
    return verb.equals("get") || verb.equals("list") || verb.equals("watch") ? "can read every Secret" : super.grants(verb);
  }
}
