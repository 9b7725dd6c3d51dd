package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark fix}: diff by default, --write in place, --rule, --unsafe, input errors, directories. */
class FixCliTest {
  private static final String DF = "FROM debian:bookworm\n# keep me\nRUN apt-get update && apt-get install -y curl\nADD app.conf /etc/app/\n"
      + "ENTRYPOINT node server.js\nCMD [\"--port\", \"8080\"]\n";

  private static Path write(Path dir, String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void printsAUnifiedDiffAndChangesNothing(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", DF);
    Run r = CliTest.run("fix", f.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out()).isEqualTo("--- " + f + "\n+++ " + f + "\n@@ -1,6 +1,6 @@\n FROM debian:bookworm\n # keep me\n"
        + "-RUN apt-get update && apt-get install -y curl\n"
        + "-ADD app.conf /etc/app/\n"
        + "+RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n"
        + "+COPY app.conf /etc/app/\n"
        + " ENTRYPOINT node server.js\n CMD [\"--port\", \"8080\"]\n");
    assertThat(r.err()).contains(f + ":3:23 BW-D021 Add --no-install-recommends to apt-get install", f + ":4:1 BW-D032 Use COPY instead of ADD",
        "would fix 3 findings in 1 file; 1 unsafe fixes not applied (--unsafe applies them)");
    assertThat(Files.readString(f)).isEqualTo(DF);
    // --diff says the same explicitly
    assertThat(CliTest.run("fix", "--diff", f.toString()).out()).isEqualTo(r.out());
  }

  @Test
  void writeEditsInPlaceKeepingTheMode(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", DF);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
    Run r = CliTest.run("fix", "--write", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(f)).contains("# keep me\n", "install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app.conf")
        .contains("ENTRYPOINT node server.js\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-x---");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Dockerfile"); // no temporary file left
    }
    // fixed: nothing more to do
    Run again = CliTest.run("fix", f.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void ruleSelectsByIdOrAlias(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", DF);
    Run byAlias = CliTest.run("fix", "--rule", "DL3020", f.toString());
    assertThat(byAlias.out()).contains("+COPY app.conf").doesNotContain("no-install-recommends", "rm -rf");
    Run byIds = CliTest.run("fix", "--rule", "BW-D021,BW-D022", f.toString());
    assertThat(byIds.out()).contains("--no-install-recommends", "rm -rf").doesNotContain("+COPY");
    Run unknown = CliTest.run("fix", "--rule", "BW-X999", f.toString());
    assertThat(unknown.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(unknown.err()).contains("--rule: no Dockerfile rule is named 'BW-X999'");
  }

  @Test
  void unsafeFixesOnlyWithUnsafe(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", DF);
    assertThat(CliTest.run("fix", f.toString()).out()).doesNotContain("+ENTRYPOINT");
    Run r = CliTest.run("fix", "--unsafe", "--rule", "BW-D067", f.toString());
    assertThat(r.out()).contains("-ENTRYPOINT node server.js\n+ENTRYPOINT [\"node\", \"server.js\"]\n");
    assertThat(r.err()).contains("BW-D067 ENTRYPOINT in exec form (the CMD in force now sees its words as arguments) (unsafe)");
  }

  @Test
  void aFileThatDoesNotParseIsNotWritten(@TempDir Path tmp) throws Exception {
    String broken = "FROM debian\nRUN apt-get update && apt-get install -y curl\nONBUILD ONBUILD RUN x\n";
    Path f = write(tmp, "Dockerfile", broken);
    Run r = CliTest.run("fix", "--write", f.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("bulwark: error: " + f + ":3: ").contains("(not fixed)");
    assertThat(Files.readString(f)).isEqualTo(broken);
  }

  @Test
  void aDirectoryFixesEveryDockerfileInIt(@TempDir Path tmp) throws Exception {
    write(tmp, "a/Dockerfile", "FROM alpine:3.20\nRUN apk add curl\n");
    write(tmp, "b/Containerfile", "FROM python:3.13\nRUN pip install flask\n");
    write(tmp, "c/Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
    Run r = CliTest.run("fix", tmp.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out()).contains("+++ " + tmp.resolve("a/Dockerfile"), "+RUN apk add --no-cache curl", "+++ " + tmp.resolve("b/Containerfile"),
        "+RUN pip install --no-cache-dir flask").doesNotContain("c/Dockerfile");
    assertThat(r.err()).contains("would fix 2 findings in 2 files");
    assertThat(CliTest.run("fix", tmp.resolve("missing").toString()).exit()).isEqualTo(ExitCodes.INPUT_ERROR);
  }

  @Test
  void crlfFilesKeepTheirLineEndsInTheDiffAndTheFile(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", "FROM alpine:3.20\r\nRUN apk add curl\r\nUSER 10001\r\n");
    Run r = CliTest.run("fix", f.toString());
    assertThat(r.out()).contains("-RUN apk add curl\r\n+RUN apk add --no-cache curl\r\n");
    CliTest.run("fix", "--write", f.toString());
    assertThat(Files.readString(f)).isEqualTo("FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\nUSER 10001\r\n");
  }

  @Test
  void pinTag_thenScanNoLongerReportsTheRules(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "Dockerfile", "ARG PY=3-slim\nFROM python:${PY} AS deps\nFROM node AS assets\nFROM myorg/base:latest\nUSER 1000\n");
    Run r = CliTest.run("fix", "--rule", "BW-D002", "--rule", "BW-D004", "--write", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(f)).isEqualTo("ARG PY=3.14.7-slim\nFROM python:${PY} AS deps\nFROM node:26.7.0 AS assets\nFROM myorg/base:latest\nUSER 1000\n");
    assertThat(r.err()).contains(f + ":2:6 BW-D004 Pin python:3-slim to python:3.14.7-slim", "let Renovate or Dependabot keep it current",
        f + ":3:6 BW-D002 Pin node:latest to node:26.7.0", "fixed 2 findings in 1 file");
    Run scan = CliTest.run("scan", "--format", "json", "--no-fail", f.toString());
    assertThat(scan.out()).doesNotContain("\"BW-D004\"").contains("\"BW-D002\""); // only the image the catalog does not know is left
    assertThat(scan.out().split("\"BW-D002\"").length).isEqualTo(2);
  }
}
