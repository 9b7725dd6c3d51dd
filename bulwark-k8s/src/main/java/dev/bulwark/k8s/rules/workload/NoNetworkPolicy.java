package dev.bulwark.k8s.rules.workload;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.KubernetesRule;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.NetworkPolicyRef;
import dev.bulwark.k8s.PodSpec;
import dev.bulwark.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * BW-K048: no NetworkPolicy selects the pod (kube-score's pod-networkpolicy, Polaris'
 * missingNetworkPolicy), read over every manifest of the scan.
 */
public final class NoNetworkPolicy extends KubernetesRule {
  public NoNetworkPolicy() {
    super("BW-K048", "No NetworkPolicy selects the pod", Severity.MEDIUM, Category.RUNTIME,
        "Without a NetworkPolicy selecting it, a pod accepts connections from every pod of the cluster and may connect anywhere:"
            + " one compromised pod reaches the database, the metadata endpoint and the internet.",
        "Add a default-deny NetworkPolicy for the namespace (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) and policies that"
            + " allow only the app's own traffic; `bulwark runtime` writes both.",
        List.of("pod-networkpolicy", "missingNetworkPolicy"),
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/");
  }

  @Override
  public void check(KubernetesTarget target, Consumer<Finding> report) {
    List<NetworkPolicyRef> policies = target.networkPolicies();
    for (PodSpec pod : target.podSpecs()) {
      String namespace = pod.owner().namespace() == null ? "" : pod.owner().namespace();
      Map<String, String> labels = pod.labels();
      boolean selected = false;
      boolean ingress = false;
      boolean egress = false;
      boolean inNamespace = false;
      for (NetworkPolicyRef p : policies) {
        inNamespace |= p.namespace().equals(namespace);
        if (p.selects(namespace, labels)) {
          selected = true;
          ingress |= p.ingress();
          egress |= p.egress();
        }
      }
      String name = pod.owner().displayName();
      YamlNode at = pod.owner().node().get("kind");
      if (!selected) {
        // with no policy anywhere in the files, the cluster may still have one (a platform-wide default deny): say so, lower
        if (inNamespace) {
          report.accept(finding("no NetworkPolicy of its namespace selects the pods of " + name
              + ", though the namespace has policies: their labels match none", target.head(at), name));
        } else {
          report.accept(finding(Severity.LOW, "no NetworkPolicy in the files scanned selects the pods of " + name
              + ": unless the cluster adds one, any pod can reach them and they can reach anything", target.head(at), name));
        }
      } else if (!ingress || !egress) {
        report.accept(finding(Severity.LOW, "the NetworkPolicies selecting the pods of " + name + " restrict only their "
            + (ingress ? "ingress: egress" : "egress: ingress") + " is open", target.head(at), name));
      }
    }
  }
}
