package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.report.FileReport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API as a caller without the CLI uses it. */
class ScannerTest {

  @Test
  void scansADirectory_appliesEachFilesConfig_andOneBadFileDoesNotStopTheOthers(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("api"));
    Files.writeString(dir.resolve("api/Dockerfile"), "FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"api-server\", \"--listen\", \":8080\"]\n");
    Files.createDirectories(dir.resolve("legacy"));
    Files.writeString(dir.resolve("legacy/Dockerfile"), "FROM alpine:3.20\n");
    Files.writeString(dir.resolve("legacy/.bulwark.yaml"), "ignore: [BW-D001]\nfailOn: low\n");
    Files.createDirectories(dir.resolve("broken"));
    try (var f = new java.io.RandomAccessFile(dir.resolve("broken/Dockerfile").toFile(), "rw")) {
      f.setLength(InputFiles.MAX_BYTES + 1); // sparse: nothing is written
    }

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));

    assertThat(r.report().files()).extracting(FileReport::path).hasSize(3);
    FileReport api = report(r, "api");
    FileReport legacy = report(r, "legacy");
    assertThat(api.findings()).extracting(Finding::ruleId).contains("BW-D001");
    assertThat(legacy.findings()).extracting(Finding::ruleId).doesNotContain("BW-D001");
    assertThat(report(r, "broken").error()).contains("larger than 64 MiB");
    int legacyIndex = r.report().files().indexOf(legacy);
    assertThat(r.configuredFailOn().get(legacyIndex)).isEqualTo(Severity.LOW);
    assertThat(r.fails(Severity.CRITICAL)).isTrue(); // api runs as root
  }

  @Test
  void aDirectoryScanSkipsSourcesAndTemplatesNamedAfterDockerfiles_butAFileNamedOnTheCommandLineIsScanned(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.writeString(dir.resolve("Dockerfile.prod"), "FROM alpine:3.20\n");
    Files.writeString(dir.resolve("web.Dockerfile"), "FROM alpine:3.20\n");
    Files.writeString(dir.resolve("dockerfile.go"), "package dockerfile\n\nfunc parse() {\n}\n");
    Files.writeString(dir.resolve("Dockerfile.template"), "FROM alpine:{{ .version }}\n{{ if .debug }}\nRUN apk add gdb\n{{ end }}\n");

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));
    Scanner.Result named = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir.resolve("Dockerfile.template")), List.of(), null, null, null));

    assertThat(r.report().files()).extracting(f -> Path.of(f.path()).getFileName().toString())
        .containsExactlyInAnyOrder("Dockerfile", "Dockerfile.prod", "web.Dockerfile");
    assertThat(named.report().files()).singleElement().satisfies(f -> assertThat(f.findings()).extracting(Finding::ruleId).contains("BW-P001"));
  }

  @Test
  void curlThatTheComposeHealthcheckRunsIsNotALeftoverTool(@TempDir Path dir) throws IOException {
    String dockerfile = "FROM python:3.13-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl"
        + " && rm -rf /var/lib/apt/lists/*\nFROM base AS final\nCOPY . /app\nCMD [\"gunicorn\", \"app:app\"]\n";
    for (String service : List.of("web", "worker")) {
      Files.createDirectories(dir.resolve(service));
      Files.writeString(dir.resolve(service + "/Dockerfile"), dockerfile);
    }
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    build: ./web\n    healthcheck:\n"
        + "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n  worker:\n    build: ./worker\n"
        + "    healthcheck:\n      test: [\"CMD-SHELL\", \"python3 -c 'import sys'\"]\n");

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));

    assertThat(report(r, "web").findings()).extracting(Finding::ruleId).doesNotContain("BW-D013");
    assertThat(report(r, "worker").findings()).extracting(Finding::ruleId).contains("BW-D013");
  }

  @Test
  void rootIsGradedByTheComposeServiceThatRunsTheImage(@TempDir Path dir) throws IOException {
    String dockerfile = "FROM python:3.13-slim\nCOPY app.py /app/\nEXPOSE 8080\nCMD [\"python\", \"/app/app.py\"]\n";
    for (String service : List.of("plain", "asuser", "powers", "rootuser")) {
      Files.createDirectories(dir.resolve(service));
      Files.writeString(dir.resolve(service + "/Dockerfile"), dockerfile);
      Files.writeString(dir.resolve(service + "/app.py"), "print(1)\n");
    }
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  plain:\n    build: ./plain\n"
        + "  asuser:\n    build: ./asuser\n    user: \"1000:1000\"\n"
        + "  powers:\n    build: ./powers\n    cap_add: [NET_ADMIN]\n"
        + "  rootuser:\n    build: ./rootuser\n    user: root\n");

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));

    assertThat(rootFinding(r, "plain").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rootFinding(r, "rootuser").severity()).isEqualTo(Severity.CRITICAL);
    Finding asUser = rootFinding(r, "asuser");
    assertThat(asUser.severity()).isEqualTo(Severity.LOW);
    assertThat(asUser.message()).contains("its Compose service asuser (../compose.yaml) runs it as user 1000:1000");
    assertThat(asUser.span().startLine()).isEqualTo(1);
    Finding powers = rootFinding(r, "powers");
    assertThat(powers.severity()).isEqualTo(Severity.LOW);
    assertThat(powers.message()).contains("cap_add: NET_ADMIN");
  }

  private static Finding rootFinding(Scanner.Result r, String service) {
    return report(r, service).findings().stream().filter(f -> f.ruleId().equals("BW-D001")).findFirst().orElseThrow();
  }

  @Test
  void rootIsGradedByTheKubernetesWorkloadThatSkaffoldDeploysTheImageWith(@TempDir Path dir) throws IOException {
    String dockerfile = "FROM python:3.13-slim\nCOPY app.py /app/\nEXPOSE 8080\nCMD [\"python\", \"/app/app.py\"]\n";
    for (String service : List.of("front", "cart", "plain", "worker", "unlisted")) {
      Files.createDirectories(dir.resolve("src/" + service));
      Files.writeString(dir.resolve("src/" + service + "/Dockerfile"), dockerfile);
    }
    Files.writeString(dir.resolve("skaffold.yaml"), "apiVersion: skaffold/v3\nkind: Config\nbuild:\n  artifacts:\n"
        + "  - image: front\n    context: src/front\n  - image: cart\n    context: src/cart\n    docker:\n      dockerfile: Dockerfile\n"
        + "  - image: plain\n    context: src/plain\nmanifests:\n  kustomize:\n    paths: [k8s]\n---\n"
        + "apiVersion: skaffold/v3\nkind: Config\nbuild:\n  artifacts:\n  - image: worker\n    context: src/worker\n"
        + "manifests:\n  rawYaml:\n  - ./jobs/*.yaml\n");
    Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(dir.resolve("k8s/kustomization.yaml"), "resources:\n- front.yaml\n- cart.yaml\n- plain.yaml\n");
    // the pod's user applies to its containers; a container's own user wins
    Files.writeString(dir.resolve("k8s/front.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: front\nspec:\n"
        + "  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n"
        + "      containers:\n      - name: server\n        image: front\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: front\n");
    Files.writeString(dir.resolve("k8s/cart.yaml"), "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: cart\nspec:\n"
        + "  template:\n    spec:\n      securityContext:\n        runAsUser: 1000\n"
        + "      containers:\n      - name: server\n        image: cart:v2\n        securityContext:\n          runAsUser: 0\n");
    Files.writeString(dir.resolve("k8s/plain.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: plain\nspec:\n"
        + "  template:\n    spec:\n      containers:\n      - name: server\n        image: plain\n");
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/worker.yaml"), "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: worker\nspec:\n"
        + "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: w\n            image: worker\n"
        + "            securityContext:\n              runAsUser: 65532\n");

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));

    Finding front = rootFinding(r, "src/front");
    assertThat(front.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(front.message()).contains("its Kubernetes workload Deployment/front (server) (../../k8s/front.yaml) runs it as uid 1000");
    assertThat(rootFinding(r, "src/worker").message()).contains("CronJob/worker (w) (../../jobs/worker.yaml) runs it as uid 65532");
    assertThat(rootFinding(r, "src/cart").severity()).isEqualTo(Severity.CRITICAL); // its container sets uid 0 over the pod's 1000
    assertThat(rootFinding(r, "src/plain").severity()).isEqualTo(Severity.CRITICAL); // no user in its manifest
    assertThat(rootFinding(r, "src/unlisted").severity()).isEqualTo(Severity.CRITICAL); // no artifact builds it
  }

  @Test
  void aBrokenSkaffoldFileOrManifestGivesNoHintAndNoError(@TempDir Path dir) throws IOException {
    String dockerfile = "FROM python:3.13-slim\nCOPY app.py /app/\nEXPOSE 8080\nCMD [\"python\", \"/app/app.py\"]\n";
    for (String service : List.of("bad", "bomb")) {
      Files.createDirectories(dir.resolve(service + "/src"));
      Files.writeString(dir.resolve(service + "/src/Dockerfile"), dockerfile);
    }
    Files.writeString(dir.resolve("bad/skaffold.yaml"), "build:\n  artifacts:\n  - image: [unclosed\n");
    // a billion-laughs alias bomb in the manifest the skaffold file names
    Files.writeString(dir.resolve("bomb/skaffold.yaml"), "build:\n  artifacts:\n  - image: app\n    context: src\n"
        + "manifests:\n  rawYaml: [k8s.yaml]\n");
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1))
          .append(", *").append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
    }
    Files.writeString(dir.resolve("bomb/k8s.yaml"), bomb.toString());

    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));

    assertThat(report(r, "bad/src").error()).isNull();
    assertThat(report(r, "bomb/src").error()).isNull();
    assertThat(rootFinding(r, "bad/src").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rootFinding(r, "bomb/src").severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aBugInARule_isCountedAsAnInternalErrorAndTheOtherFilesAreStillScanned(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:latest\n");
    dev.bulwark.core.Rule<dev.bulwark.lint.DockerfileTarget> broken = new dev.bulwark.core.Rule<>() {
      @Override
      public dev.bulwark.core.RuleInfo info() {
        return dev.bulwark.lint.rules.DockerfileRules.all().getFirst().info();
      }

      @Override
      public void check(dev.bulwark.lint.DockerfileTarget target, java.util.function.Consumer<Finding> report) {
        throw new NullPointerException("Cannot read the array length because \"blob\" is null");
      }
    };
    Scanner scanner = new Scanner(() -> new dev.bulwark.core.Linter<>(List.of(broken)), dev.bulwark.image.rules.ImageChecks::linter);
    Scanner.Result r = scanner.scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));
    assertThat(r.internalErrors()).isEqualTo(1);
    assertThat(r.report().files().getFirst().error())
        .isEqualTo("internal error while analyzing: NullPointerException (a bug in Bulwark; please report it)");
  }

  @Test
  void aBaselineHidesAcceptedFindings(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:latest\n");
    Path baseline = dir.resolve("baseline.json");
    Scanner scanner = new Scanner();
    Scanner.Result first = scanner.scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, baseline));
    assertThat(first.report().findingCount()).isPositive();
    Scanner.Result second = scanner.scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, baseline, null));
    assertThat(second.report().findingCount()).isZero();
    assertThat(second.fails(null)).isFalse();
  }

  @Test
  void writesEveryFormatAskedFor_toStdoutOrItsFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:latest\n");
    Scanner.Result r = new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, null));
    StringWriter stdout = new StringWriter();
    Path sarif = dir.resolve("out.sarif");
    Scanner.write(r.report(), List.of(new Scanner.Output(OutputFormat.TTY, null), new Scanner.Output(OutputFormat.SARIF, sarif)), () -> "test",
        false, stdout);
    assertThat(stdout.toString()).contains("BW-D002").endsWith("in 1 file scanned\n");
    assertThat(Files.readString(sarif)).contains("\"version\" : \"2.1.0\"", "BW-D002");
  }

  @Test
  void aBadConfigIsOneClearError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "ignor: [BW-D001]\n");
    assertThatThrownBy(() -> new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), config, null, null)))
        .isInstanceOf(IOException.class).hasMessageContaining("unknown key 'ignor'");
  }

  private static FileReport report(Scanner.Result r, String dir) {
    return r.report().files().stream().filter(f -> f.path().contains("/" + dir + "/")).findFirst().orElseThrow();
  }
}
