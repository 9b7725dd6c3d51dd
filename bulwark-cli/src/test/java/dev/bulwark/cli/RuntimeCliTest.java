package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bulwark runtime}: the committed examples/*&#47;deploy files are what it generates, and its errors are one line. */
class RuntimeCliTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("bulwark.repo", "..")).resolve("examples");
  private static final List<String> FILES = List.of("run.sh", "compose.yaml", "kubernetes.yaml");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile"))).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** Regenerate with -Dbulwark.update-docs=true (the same switch as the rule docs). */
  @ParameterizedTest
  @MethodSource("examples")
  void eachExamplesDeployFilesAreWhatRuntimeGenerates(String example, @TempDir Path tmp) throws IOException {
    Path dir = EXAMPLES.resolve(example);
    Path out = Boolean.getBoolean("bulwark.update-docs") ? dir.resolve("deploy") : tmp;
    Run r = CliTest.run("runtime", dir.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    for (String f : FILES) {
      assertThat(dir.resolve("deploy").resolve(f)).as("examples/%s/deploy/%s (regenerate with -Dbulwark.update-docs=true)", example, f)
          .hasContent(Files.readString(out.resolve(f)));
    }
  }

  /** What runtime writes passes Bulwark's own Kubernetes checks: no Pod Security finding, nothing high or critical. */
  @ParameterizedTest
  @MethodSource("examples")
  void theGeneratedManifestsScanCleanWithBulwarksOwnChecks(String example) throws Exception {
    Path manifests = EXAMPLES.resolve(example).resolve("deploy").resolve("kubernetes.yaml");
    List<dev.bulwark.core.Finding> findings = dev.bulwark.k8s.rules.KubernetesRules.linter()
        .lint(dev.bulwark.k8s.KubernetesTarget.parse(manifests.toString(), Files.readString(manifests)));
    assertThat(findings).allSatisfy(f -> {
      assertThat(f.severity().compareTo(dev.bulwark.core.Severity.HIGH)).as(f.message()).isPositive(); // neither critical nor high
      assertThat(f.message()).doesNotContain("PSS");
    });
  }

  /** The generated Compose file passes every Compose check: what it sets is what those checks ask for. */
  @ParameterizedTest
  @MethodSource("examples")
  void theGeneratedComposeFileScansCleanWithBulwarksOwnChecks(String example) throws Exception {
    Path compose = EXAMPLES.resolve(example).resolve("deploy").resolve("compose.yaml");
    dev.bulwark.compose.ComposeTarget target = dev.bulwark.compose.ComposeTarget.parse(compose.toString(), Files.readString(compose));
    assertThat(target.isCompose()).isTrue();
    assertThat(dev.bulwark.compose.rules.ComposeRules.linter().lint(target)).isEmpty();
  }

  @Test
  void oneFormatGoesToStdout() {
    Run r = CliTest.run("runtime", EXAMPLES.resolve("go-api").toString(), "--format", "k8s", "--image", "ghcr.io/acme/api:2.0.1");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("# Runs ghcr.io/acme/api:2.0.1").contains("kind: Deployment", "name: go-api", "readOnlyRootFilesystem: true")
        .doesNotContain("==>", "docker run", "services:");
  }

  @Test
  void allFormatsAreHeadedByTheirFileNames(@TempDir Path tmp) throws IOException {
    CliTest.dockerfile(tmp, "FROM alpine:3.20\nUSER 1000\nEXPOSE 8080\n");
    Run r = CliTest.run("runtime", tmp.resolve("Dockerfile").toString(), "--name", "Web_Front");
    assertThat(r.out()).contains("# ==> run.sh <==", "# ==> compose.yaml <==", "# ==> kubernetes.yaml <==", "--name web-front",
        "web-front:0.1.0", "--user 1000:1000");
  }

  @Test
  void aMissingDockerfileOrAFileAsOutIsOneLineError(@TempDir Path tmp) throws IOException {
    CliTest.assertOneLineError(CliTest.run("runtime", tmp.resolve("nope").toString()), "nope");
    CliTest.assertOneLineError(CliTest.run("runtime", tmp.toString()), "Dockerfile");
    CliTest.dockerfile(tmp, "FROM alpine:3.20\n");
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliTest.assertOneLineError(CliTest.run("runtime", tmp.toString(), "--out", file.toString()), "not a directory");
  }

  @Test
  void aBuiltImageIsRunAsItsConfigAndPasswdSay(@TempDir Path tmp) throws Exception {
    byte[] layer = SbomCliTest.tar("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10002::/home/app:/sbin/nologin\n",
        "etc/group", "root:x:0:\napp:x:10002:\n", "app/server", "#!/bin/true\n");
    Path archive = SbomCliTest.archive(tmp, layer, "{\"User\":\"app\",\"ExposedPorts\":{\"8443/tcp\":{}},\"Volumes\":{\"/data\":{}},"
        + "\"Healthcheck\":{\"Test\":[\"CMD\",\"/app/server\",\"-health\"],\"Interval\":15000000000,\"Retries\":2}}");
    Run r = CliTest.run("runtime", archive.toString(), "--format", "run");
    assertThat(r.exit()).as(r.err()).isZero();
    // the archive is tagged demo:1: the service is named after it and runs it
    assertThat(r.out()).contains("--user 10001:10002", "uid 10001 from the image's /etc/passwd", "127.0.0.1:8443:8443", "demo:1",
        "--name demo", "/data");
    Run compose = CliTest.run("runtime", archive.toString(), "--format", "compose");
    assertThat(compose.out()).contains("healthcheck:", "/app/server", "-health", "interval: \"15s\"", "retries: 2");
    Run k8s = CliTest.run("runtime", archive.toString(), "--format", "k8s", "--image", "registry.example/demo:1.2.3");
    assertThat(k8s.out()).contains("runAsUser: 10001", "runAsGroup: 10002", "image: \"registry.example/demo:1.2.3\"", "containerPort: 8443");
  }

  @Test
  void aFileThatIsNeitherADockerfileNorAnImageIsNotTakenForAnImage(@TempDir Path tmp) throws Exception {
    assertThat(RuntimeCommand.isBuiltImage(CliTest.dockerfile(tmp, "FROM alpine:3.20\n"))).isFalse();
    assertThat(RuntimeCommand.isBuiltImage(tmp)).isFalse();
    Files.createDirectories(tmp.resolve("oci"));
    Files.writeString(tmp.resolve("oci/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(RuntimeCommand.isBuiltImage(tmp.resolve("oci"))).isTrue();
    assertThat(RuntimeCommand.repositoryName("ghcr.io/acme/api:2.0.1@sha256:" + "a".repeat(64))).isEqualTo("api");
    assertThat(RuntimeCommand.repositoryName("localhost:5000/web")).isEqualTo("web");
  }
}
