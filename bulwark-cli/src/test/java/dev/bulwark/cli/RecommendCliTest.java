package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark recommend}: an image, every FROM of a Dockerfile with its position, JSON, unknown images, bad input. */
class RecommendCliTest {
  private static final String DF = "# syntax=docker/dockerfile:1\nARG GO=1.22\nFROM golang:${GO}-alpine AS build\nRUN go build -o /app .\n"
      + "FROM scratch AS empty\nFROM build AS test\nFROM myorg/tools:3 AS tools\nFROM alpine:3.20\nCOPY --from=build /app /app\n";

  @Test
  void anImage_isJudgedAsTheImageThatShips() {
    Run r = CliTest.run("recommend", "--as-of", "2026-12-01", "python:3.12-slim-bookworm");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("python:3.12-slim-bookworm\n")
        .contains("   current     python:3.12-slim-bookworm                   LTS only   2026-07-11 (Debian 12)  yes    apt  root\n")
        .contains("   newer       python:3.14-slim-trixie ")
        .contains("  *distroless  gcr.io/distroless/python3-debian13:nonroot  supported  2028-08-09 (Debian 13)  no     no   65532\n")
        .contains("   chainguard  cgr.dev/chainguard/python:latest ")
        .contains("  recommended: gcr.io/distroless/python3-debian13:nonroot: this stage ships: no shell or package manager, runs as 65532");
  }

  @Test
  void aDockerfile_everyRegistryBaseWithItsPositionAndArgDefaultsApplied(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("Dockerfile");
    Files.writeString(f, DF, StandardCharsets.UTF_8);
    Run r = CliTest.run("recommend", "--as-of", "2026-12-01", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith(f.toString()))).containsExactly(
        f + ":3:6: golang:1.22-alpine (stage build)",
        f + ":7:6: myorg/tools:3 (stage tools): not in Bulwark's base-image catalog: no advice (it does not guess)",
        f + ":8:6: alpine:3.20 (stage 4, final)");
    // the build stage needs a supported toolchain, not distroless; the final stage runs the Go binary copied from it
    assertThat(r.out()).contains("  *newer       golang:1.27-alpine ", "  recommended: golang:1.27-alpine: Go 1.22 is past its end of life (2025-02-11)")
        .contains("  *distroless  gcr.io/distroless/static-debian13:nonroot ", "build with CGO_ENABLED=0");
    assertThat(r.out().split(f + ":3:6")[1].split(f + ":7:6")[0]).doesNotContain("distroless");
  }

  @Test
  void json_givesTheSameAdviceAsData(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("Dockerfile");
    Files.writeString(f, DF, StandardCharsets.UTF_8);
    Run r = CliTest.run("recommend", "--format", "json", "--as-of", "2026-12-01", f.toString(), "node:22");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("asOf").asText()).isEqualTo("2026-12-01");
    JsonNode bases = root.path("bases");
    assertThat(bases.size()).isEqualTo(4);
    JsonNode build = bases.get(0);
    assertThat(build.path("line").asInt()).isEqualTo(3);
    assertThat(build.path("column").asInt()).isEqualTo(6);
    assertThat(build.path("stage").asText()).isEqualTo("build");
    assertThat(build.path("final").asBoolean()).isFalse();
    assertThat(build.path("recommended").path("image").asText()).isEqualTo("golang:1.27-alpine");
    JsonNode current = build.path("alternatives").get(0);
    assertThat(current.path("status").asText()).isEqualTo("EOL");
    assertThat(current.path("eol").asText()).isEqualTo("2025-02-11");
    assertThat(current.path("shell").asBoolean()).isTrue();
    assertThat(current.path("packageManager").asText()).isEqualTo("apk");
    assertThat(current.path("nonRootDefault").asBoolean()).isFalse();
    assertThat(bases.get(1).path("known").asBoolean()).isFalse();
    assertThat(bases.get(1).path("reason").asText()).contains("not in Bulwark's base-image catalog");
    JsonNode node = bases.get(3);
    assertThat(node.has("file")).isFalse();
    assertThat(node.path("recommended").path("image").asText()).isEqualTo("gcr.io/distroless/nodejs22-debian13:nonroot");
    assertThat(node.path("recommended").path("nonRootDefault").asBoolean()).isTrue();
    assertThat(node.path("recommended").path("user").asText()).isEqualTo("65532");
    assertThat(node.path("alternatives").get(0).path("nonRootUser").asText()).isEqualTo("node:1000");
  }

  @Test
  void notAFileNorAReference_isAUsageError() {
    Run r = CliTest.run("recommend", "Not A Ref");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("Not A Ref: no such file, and not an image reference");
    Run bad = CliTest.run("recommend", "--format", "xml", "alpine");
    assertThat(bad.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(CliTest.run("recommend", "--as-of", "tomorrow", "alpine").exit()).isEqualTo(ExitCodes.INPUT_ERROR);
  }
}
