package dev.bulwark.k8s.rules.rbac;

import java.util.List;

/** BW-K063: a Role or ClusterRole that allows pods/exec or pods/attach. */
public final class PodExecAttach extends RbacGrant {
  public PodExecAttach() {
    super("BW-K063", "Role allows pods/exec or pods/attach",
        "create on pods/exec or pods/attach runs commands in other pods: their service-account tokens, Secrets and data are the"
            + " holder's.",
        "Drop pods/exec and pods/attach from roles bound to workloads; give humans a separate, audited role.",
        List.of("clusterrolePodExecAttach", "rolePodExecAttach", "c589f42c-7924-4871-aee2-1cede9bc7cbc", "d45330fd-f58d-45fb-a682-6481477a0f84"), List.of("pods/exec", "pods/attach"), "can run commands in other pods",
        "create", "get");
  }

  @Override
  boolean namedObjectsLimit() {
    return false; // resourceNames limits exec to named pods, which still hands out their rights
  }
}
