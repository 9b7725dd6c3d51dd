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

/** Compose files through the same scan as Dockerfiles: found by content, loaded with their override, .env and extends. */
class ComposeScanTest {

  private static Scanner.Result scan(Path... paths) throws IOException {
    return new Scanner().scan(new Scanner.DockerfileScan(List.of(paths), List.of(), null, null, null));
  }

  private static FileReport file(Scanner.Result r, String name) {
    return r.report().files().stream().filter(f -> Path.of(f.path()).getFileName().toString().equals(name)).findFirst().orElseThrow();
  }

  /** The privileged findings (BW-C001), the rule these tests follow through loading, merging and reporting. */
  private static List<String> at(FileReport f) {
    return f.findings().stream().filter(x -> x.ruleId().equals("BW-C001"))
        .map(x -> x.ruleId() + "@" + x.span().startLine() + ":" + x.span().startColumn()).toList();
  }

  @Test
  void aProjectIsLoadedAsDockerComposeLoadsIt_andEachFileReportsItsOwnLines(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), """
        services:
          web:
            image: "nginx:${NGINX_TAG}"
            privileged: ${WEB_PRIVILEGED:-false}
          worker:
            extends: {file: common.yml, service: base}
        """);
    Files.writeString(dir.resolve("compose.override.yaml"), """
        services:
          db:
            image: postgres:16
            privileged: "true"  # bulwark ignore=BW-C001 # accepted here
          cache:
            image: redis:7
            privileged: yes
        """);
    Files.writeString(dir.resolve("common.yml"), "services:\n  base:\n    image: busybox:1.36\n    privileged: true\n");
    Files.writeString(dir.resolve(".env"), "NGINX_TAG=1.27\nWEB_PRIVILEGED=true\n");
    Files.writeString(dir.resolve("docker-compose.prod.yml"), "services:\n  web:\n    privileged: ${UNSET_FOR_TEST_XYZ}\n");

    Scanner.Result r = scan(dir);

    assertThat(r.report().files()).extracting(f -> Path.of(f.path()).getFileName().toString())
        .containsExactlyInAnyOrder("compose.yaml", "compose.override.yaml", "common.yml", "docker-compose.prod.yml");
    assertThat(at(file(r, "compose.yaml"))).containsExactly("BW-C001@4:5"); // from .env; the worker's line is in common.yml
    assertThat(at(file(r, "compose.override.yaml"))).containsExactly("BW-C001@7:5");
    assertThat(at(file(r, "common.yml"))).containsExactly("BW-C001@4:5");
    assertThat(file(r, "docker-compose.prod.yml").warnings())
        .containsExactly("line 3, column 17: the variable UNSET_FOR_TEST_XYZ is not set: it is read as an empty string");
  }

  @Test
  void aFileThatCannotBeLoadedIsOneError_andTheScanGoesOn(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve("compose.yaml"), "services:\n  db:\n    environment:\n      PASSWORD: ${DB_PASSWORD:?is required}\n");
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(b.resolve("compose.yaml"), "services:\n  web:\n    image: \"${A\"\n");
    Path c = Files.createDirectories(dir.resolve("c"));
    Files.writeString(c.resolve("compose.yaml"), "services:\n  web: {image: x, privileged: true}\n");
    Files.writeString(c.resolve("compose.override.yaml"), "services:\n  web: {image: y\n");
    Path d = Files.createDirectories(dir.resolve("d"));
    Files.writeString(d.resolve("compose.yaml"), "services:\n  web: {image: x, privileged: true}\n");
    Files.writeString(d.resolve(".env"), "GOOD=1\nBAD\"=2\n");

    Scanner.Result r = scan(dir);

    assertThat(r.report().files().stream().filter(f -> f.path().equals(a.resolve("compose.yaml").toString())).findFirst().orElseThrow().error())
        .isEqualTo("invalid Compose file at line 4, column 17: required variable DB_PASSWORD is missing a value: is required");
    assertThat(r.report().files().stream().filter(f -> f.path().equals(b.resolve("compose.yaml").toString())).findFirst().orElseThrow().error())
        .isEqualTo("invalid Compose file at line 3, column 12: invalid interpolation format: '${A' has no closing }");
    assertThat(r.report().files().stream().filter(f -> f.path().equals(c.resolve("compose.yaml").toString())).findFirst().orElseThrow().error())
        .startsWith("cannot load its Compose project: " + c.resolve("compose.override.yaml") + ":2:18: ");
    assertThat(r.report().files().stream().filter(f -> f.path().equals(d.resolve("compose.yaml").toString())).findFirst().orElseThrow().error())
        .isEqualTo("cannot load its Compose project: " + d.resolve(".env") + ":2:4: unexpected character '\"' in variable name 'BAD\"'");
  }

  @Test
  void configBaselineAndFormatsWorkForCompose(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n");
    Files.writeString(dir.resolve(".bulwark.yaml"), "ignore: [BW-C001]\n");
    assertThat(at(file(scan(dir), "docker-compose.yml"))).isEmpty();
    Files.delete(dir.resolve(".bulwark.yaml"));
    Scanner.Result r = scan(dir);
    assertThat(at(file(r, "docker-compose.yml"))).containsExactly("BW-C001@4:5");

    Path baseline = dir.resolve("baseline.json");
    new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, null, baseline));
    assertThat(new Scanner().scan(new Scanner.DockerfileScan(List.of(dir), List.of(), null, baseline, null)).report().findingCount()).isZero();

    StringWriter out = new StringWriter();
    Scanner.write(r.report(), List.of(new Scanner.Output(OutputFormat.SARIF, null)), () -> "test", false, out);
    assertThat(out.toString()).contains("BW-C001", "docker-compose.yml", "\"startLine\" : 4");
  }

  @Test
  void ciFilesWithAServicesKeyAreNotCompose(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".gitlab-ci.yml"), "services:\n  - docker:dind\nstages: [build]\nbuild:\n  script: [make]\n");
    Files.writeString(dir.resolve("broken-ci.yml"), "stages: [a]\nservices:\n  x: [\n");
    assertThat(scan(dir).report().files()).isEmpty();
  }

  @Test
  void projectFilesAreTheDefaultAndItsOverride(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), "services: {}\n");
    Files.writeString(dir.resolve("docker-compose.override.yml"), "services: {}\n");
    Files.writeString(dir.resolve("docker-compose.dev.yml"), "services: {}\n");
    assertThat(ComposeFiles.project(dir.resolve("docker-compose.yml"))).extracting(p -> p.getFileName().toString())
        .containsExactly("docker-compose.yml", "docker-compose.override.yml");
    assertThat(ComposeFiles.project(dir.resolve("docker-compose.override.yml"))).extracting(p -> p.getFileName().toString())
        .containsExactly("docker-compose.yml", "docker-compose.override.yml");
    assertThat(ComposeFiles.project(dir.resolve("docker-compose.dev.yml"))).extracting(p -> p.getFileName().toString())
        .containsExactly("docker-compose.dev.yml");
    assertThat(ComposeFiles.looksLikeCompose("version: '3'\nservices:\n")).isTrue();
    assertThat(ComposeFiles.looksLikeCompose("x:\n  services: {}\n")).isFalse();
    Finding.class.getName();
  }
}
