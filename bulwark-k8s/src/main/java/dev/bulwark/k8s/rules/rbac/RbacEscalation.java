package dev.bulwark.k8s.rules.rbac;

import java.util.List;

/** BW-K064: escalate, bind or impersonate: the RBAC verbs that grant more than the role itself holds. */
public final class RbacEscalation extends RbacGrant {
  public RbacEscalation() {
    super("BW-K064", "Role can escalate, bind or impersonate",
        "escalate lets a role be edited to hold more than its editor has, bind lets any role be bound, impersonate acts as any"
            + " user, group or service account: each is a path to cluster-admin.",
        "Remove escalate, bind and impersonate; an operator that manages RBAC should get them on named roles only (`resourceNames`).",
        List.of("CKV_K8S_157", "CKV_K8S_158", "KSV050", "8320826e-7a9c-4b0b-9535-578333193432", "9f85c3f6-26fd-4007-938a-2e0cb0100980"),
        List.of("roles", "clusterroles", "rolebindings", "clusterrolebindings", "users", "groups", "serviceaccounts"),
        "can grant itself more rights", "escalate", "bind", "impersonate");
  }

  @Override
  boolean atVerb() {
    return true;
  }

  @Override
  boolean core() {
    return false;
  }
}
