package dev.bulwark.k8s.rules;

import dev.bulwark.core.Linter;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.PodSecurity;
import dev.bulwark.k8s.PssRule;
import dev.bulwark.k8s.rules.pss.AllowPrivilegeEscalation;
import dev.bulwark.k8s.rules.pss.AppArmorProfile;
import dev.bulwark.k8s.rules.pss.CapabilitiesBaseline;
import dev.bulwark.k8s.rules.pss.CapabilitiesRestricted;
import dev.bulwark.k8s.rules.pss.HostNamespaces;
import dev.bulwark.k8s.rules.pss.HostPathVolumes;
import dev.bulwark.k8s.rules.pss.HostPorts;
import dev.bulwark.k8s.rules.pss.HostProbesAndLifecycle;
import dev.bulwark.k8s.rules.pss.Privileged;
import dev.bulwark.k8s.rules.pss.ProcMount;
import dev.bulwark.k8s.rules.pss.ProcMountRestricted;
import dev.bulwark.k8s.rules.pss.RestrictedVolumes;
import dev.bulwark.k8s.rules.pss.RunAsNonRoot;
import dev.bulwark.k8s.rules.pss.RunAsUserRoot;
import dev.bulwark.k8s.rules.pss.SeLinuxOptions;
import dev.bulwark.k8s.rules.pss.SeccompBaseline;
import dev.bulwark.k8s.rules.pss.SeccompRestricted;
import dev.bulwark.k8s.rules.pss.Sysctls;
import dev.bulwark.k8s.rules.pss.WindowsHostProcess;
import dev.bulwark.k8s.rules.rbac.AnonymousBinding;
import dev.bulwark.k8s.rules.rbac.ClusterAdminBinding;
import dev.bulwark.k8s.rules.rbac.PodExecAttach;
import dev.bulwark.k8s.rules.rbac.RbacEscalation;
import dev.bulwark.k8s.rules.rbac.RbacWildcard;
import dev.bulwark.k8s.rules.rbac.SecretsAccess;
import dev.bulwark.k8s.rules.workload.LatestImage;
import dev.bulwark.k8s.rules.workload.NoNetworkPolicy;
import dev.bulwark.k8s.rules.workload.LowUid;
import dev.bulwark.k8s.rules.workload.MissingProbes;
import dev.bulwark.k8s.rules.workload.MissingResources;
import dev.bulwark.k8s.rules.workload.PullPolicy;
import dev.bulwark.k8s.rules.workload.SecretInEnv;
import dev.bulwark.k8s.rules.workload.ServiceAccountToken;
import dev.bulwark.k8s.rules.workload.WritableRootFilesystem;
import java.util.ArrayList;
import java.util.List;

/** Every Kubernetes rule, in id order. */
public final class KubernetesRules {
  private static final List<PssRule> PSS = List.of(new Privileged(), new HostNamespaces(), new WindowsHostProcess(),
      new CapabilitiesBaseline(), new HostPathVolumes(), new HostPorts(), new AppArmorProfile(), new SeLinuxOptions(), new ProcMount(),
      new SeccompBaseline(), new Sysctls(), new HostProbesAndLifecycle(), new RestrictedVolumes(), new AllowPrivilegeEscalation(),
      new RunAsNonRoot(), new RunAsUserRoot(), new SeccompRestricted(), new CapabilitiesRestricted(), new ProcMountRestricted());
  private static final List<KubernetesRule> OTHERS = List.of(new WritableRootFilesystem(), new LowUid(), new MissingResources(),
      new MissingProbes(), new LatestImage(), new PullPolicy(), new ServiceAccountToken(), new SecretInEnv(), new NoNetworkPolicy(), new RbacWildcard(), new ClusterAdminBinding(),
      new SecretsAccess(), new PodExecAttach(), new RbacEscalation(), new AnonymousBinding());
  private static final List<KubernetesRule> ALL = all(PSS, OTHERS);

  private KubernetesRules() {}

  private static List<KubernetesRule> all(List<PssRule> pss, List<KubernetesRule> others) {
    List<KubernetesRule> out = new ArrayList<>(pss);
    out.addAll(others);
    return List.copyOf(out);
  }

  public static List<KubernetesRule> all() {
    return ALL;
  }

  /** The Pod Security Standards checks. */
  public static List<PssRule> pss() {
    return PSS;
  }

  /** pod-security-admission's evaluator over the PSS checks. */
  public static PodSecurity podSecurity() {
    return new PodSecurity(PSS);
  }

  public static Linter<KubernetesTarget> linter() {
    return new Linter<>(ALL);
  }
}
