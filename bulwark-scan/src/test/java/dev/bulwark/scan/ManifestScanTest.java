package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.report.FileReport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes manifests through the same scan as Dockerfiles: found by content, configs, pragmas, baselines, formats. */
class ManifestScanTest {
  private static final String POD = """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        hostNetwork: true
        containers:
          - name: app
            image: nginx:1.27.2
            securityContext: {privileged: true}  # bulwark ignore=BW-K001 # accepted for the test
      """;

  private static Scanner.Result scan(Path... paths) throws IOException {
    return new Scanner().scan(new Scanner.DockerfileScan(List.of(paths), List.of(), null, null, null));
  }

  @Test
  void manifestsAreFoundByContent_otherYamlIsNotReported_andABrokenManifestIsOneError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    Files.writeString(dir.resolve("ci.yml"), "on: push\njobs:\n  build: {runs-on: ubuntu-latest}\n");
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  web: {image: nginx, privileged: true}\n");
    Files.writeString(dir.resolve("values.yaml"), "replicaCount: 1\nimage: {repository: nginx}\n");
    Files.writeString(dir.resolve("chart-template.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  {{- toYaml .x }}\n");
    Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  containers: []\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\nUSER 1000\n");

    Scanner.Result r = scan(dir);

    assertThat(r.report().files()).extracting(f -> Path.of(f.path()).getFileName().toString())
        .containsExactlyInAnyOrder("pod.yaml", "broken.yaml", "Dockerfile", "compose.yaml"); // compose.yaml: ComposeScanTest
    FileReport pod = file(r, "pod.yaml");
    assertThat(pod.findings()).extracting(Finding::ruleId).contains("BW-K002", "BW-K021").doesNotContain("BW-K001");
    assertThat(pod.findings()).filteredOn(f -> f.ruleId().equals("BW-K002")).singleElement()
        .satisfies(f -> assertThat(f.span().startLine() + ":" + f.span().startColumn()).isEqualTo("5:16"));
    assertThat(file(r, "broken.yaml").error()).isEqualTo("invalid YAML at line 5, column 3: duplicate key 'containers' (first at line 4)");
  }

  @Test
  void aNetworkPolicyInAnotherFileOfTheScanSelectsThePodsOfThisOne(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pod.yaml"), POD.replace("metadata: {name: web}", "metadata: {name: web, labels: {app: web}}"));
    Scanner.Result alone = scan(dir);
    assertThat(file(alone, "pod.yaml").findings()).filteredOn(f -> f.ruleId().equals("BW-K048")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("no NetworkPolicy in the files scanned"));
    Files.writeString(dir.resolve("policies.yaml"), """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """);
    assertThat(file(scan(dir), "pod.yaml").findings()).extracting(Finding::ruleId).doesNotContain("BW-K048");
    // a policy for other pods of the namespace: the pod is the gap in an existing policy set (medium)
    Files.writeString(dir.resolve("policies.yaml"), """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Ingress, Egress]
        """);
    assertThat(file(scan(dir), "pod.yaml").findings()).filteredOn(f -> f.ruleId().equals("BW-K048")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(dev.bulwark.core.Severity.MEDIUM));
  }

  @Test
  void anExplicitFileWithAnyNameIsAManifestWhenItsContentIsOne(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("deploy.k8s");
    Files.writeString(f, POD);
    assertThat(scan(f).report().files().getFirst().findings()).extracting(Finding::ruleId).contains("BW-K002");
  }

  @Test
  void configBaselineAndFormatsWorkForManifests(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    Files.writeString(dir.resolve(".bulwark.yaml"), "ignore: [hostNetworkSet]\n");
    Scanner.Result r = scan(dir);
    assertThat(file(r, "pod.yaml").findings()).extracting(Finding::ruleId).doesNotContain("BW-K002").contains("BW-K024");

    Path baseline = dir.resolve("baseline.json");
    new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, baseline));
    Scanner.Result second = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, baseline, null));
    assertThat(second.report().findingCount()).isZero();

    StringWriter out = new StringWriter();
    Path sarif = dir.resolve("out.sarif");
    Scanner.write(r.report(), List.of(new Scanner.Output(OutputFormat.JSON, null), new Scanner.Output(OutputFormat.SARIF, sarif)),
        () -> "test", false, out);
    assertThat(out.toString()).contains("\"BW-K024\"", "pod.yaml");
    assertThat(Files.readString(sarif)).contains("BW-K024", "\"startLine\" : 7");
  }

  private static FileReport file(Scanner.Result r, String name) {
    return r.report().files().stream().filter(f -> f.path().endsWith("/" + name)).findFirst().orElseThrow();
  }
}
