package dev.bulwark.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.k8s.rules.KubernetesRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesTargetTest {

  @Test
  void everyWorkloadKindAndListItemsHaveTheirPodSpec() throws Exception {
    KubernetesTarget t = KubernetesTarget.parse("m.yaml", """
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c}]}}
          - apiVersion: v1
            kind: PodTemplate
            metadata: {name: b}
            template: {spec: {containers: [{name: c}]}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec: {jobTemplate: {spec: {template: {spec: {initContainers: [{name: i}], containers: [{name: c}], ephemeralContainers: [{name: e}]}}}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        ---
        # a CI config, not Kubernetes
        jobs: {build: {runs-on: x}}
        """);
    assertThat(t.objects()).extracting(KubeObject::displayName).containsExactly("Pod/a", "PodTemplate/b", "CronJob/c", "Service/s");
    assertThat(t.podSpecs()).extracting(p -> p.owner().displayName()).containsExactly("Pod/a", "PodTemplate/b", "CronJob/c");
    assertThat(t.podSpecs().get(2).containers()).extracting(Container::displayName)
        .containsExactly("init container \"i\"", "container \"c\"", "ephemeral container \"e\"");
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job")) {
      KubernetesTarget w = KubernetesTarget.parse("w.yaml", "apiVersion: apps/v1\nkind: " + kind
          + "\nmetadata: {name: w}\nspec: {template: {metadata: {annotations: {a: b}}, spec: {containers: [{name: c}]}}}\n");
      assertThat(w.podSpecs()).as(kind).hasSize(1);
      assertThat(w.podSpecs().get(0).annotations().string("a")).isEqualTo("b");
    }
    assertThat(KubernetesTarget.parse("ci.yml", "jobs: {build: {runs-on: x}}\n").isManifest()).isFalse();
  }

  @Test
  void hostPathsThatGiveTheNodeAwayAreCritical() throws Exception {
    KubernetesTarget t = KubernetesTarget.parse("m.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: c}]
          volumes:
            - {name: a, hostPath: {path: /var/run/docker.sock}}
            - {name: b, hostPath: {path: /}}
            - {name: c, hostPath: {path: /etc}}
            - {name: d, hostPath: {path: /var/lib/kubelet/pki}}
            - {name: e, hostPath: {path: /etc/ssl/certs}}
            - {name: f, hostPath: {path: /var/log}}
            - {name: g, hostPath: {path: /sys/fs/cgroup}}
        """);
    List<Severity> s = KubernetesRules.linter().lint(t).stream().filter(f -> f.ruleId().equals("BW-K005")).map(Finding::severity).toList();
    assertThat(s).containsExactly(Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL, Severity.HIGH, Severity.HIGH,
        Severity.HIGH);
  }

  @Test
  void configIgnoresByAliasAndOverridesSeverity() throws Exception {
    KubernetesTarget t = KubernetesTarget.parse("m.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n"
        + "  containers: [{name: c, securityContext: {privileged: true}}]\n")
        .withConfig(dev.bulwark.core.LintConfig.parse("ignore: [CKV_K8S_16]\nseverity: {hostNamespaces: low}\n", "c"), "m.yaml");
    List<Finding> f = KubernetesRules.linter().lint(t);
    assertThat(f).noneMatch(x -> x.ruleId().equals("BW-K001"));
    assertThat(f).filteredOn(x -> x.ruleId().equals("BW-K002")).singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
  }

  private static final String ROOT_POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n"
      + "  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: RuntimeDefault}}\n"
      + "  containers: [{name: c, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]\n";

  private static List<String> pssRules(KubernetesTarget t) {
    return KubernetesRules.linter().lint(t).stream().map(Finding::ruleId).filter(id -> id.compareTo("BW-K040") < 0).toList();
  }

  @Test
  void podSecurityVersionComesFromTheConfigAndIsLatestByDefault() throws Exception {
    // runAsUser: 0 is a restricted violation from Kubernetes 1.23 on (PSA's runAsUser check)
    KubernetesTarget latest = KubernetesTarget.parse("m.yaml", ROOT_POD);
    assertThat(pssRules(latest)).containsExactly("BW-K023");
    KubernetesTarget v122 = latest.withConfig(dev.bulwark.core.LintConfig.parse("podSecurityVersion: v1.22\n", "c"), "m.yaml");
    assertThat(pssRules(v122)).isEmpty();
    KubernetesTarget future = latest.withConfig(dev.bulwark.core.LintConfig.parse("podSecurityVersion: \"1.99\"\n", "c"), "m.yaml");
    assertThat(pssRules(future)).containsExactly("BW-K023");
  }

  @Test
  void theNamespaceEnforceVersionLabelInTheSameFileWinsForItsPods() throws Exception {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n"
        + "    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.22\n---\n";
    assertThat(pssRules(KubernetesTarget.parse("m.yaml", ns + ROOT_POD))).isEmpty();
    assertThat(pssRules(KubernetesTarget.parse("m.yaml", ns.replace("name: shop", "name: other") + ROOT_POD))).containsExactly("BW-K023");
  }

  @Test
  void aPodSecurityVersionThatIsNotOneIsAConfigError() {
    assertThatThrownBy(() -> dev.bulwark.core.LintConfig.parse("podSecurityVersion: 1.30\n", "c.yaml"))
        .hasMessage("c.yaml: podSecurityVersion: write the version as v1.30 (a bare 1.3 is a number in YAML)");
    assertThatThrownBy(() -> dev.bulwark.core.LintConfig.parse("podSecurityVersion: v2.1\n", "c.yaml"))
        .hasMessageContaining("'v2.1' is not a Kubernetes version");
  }
}
