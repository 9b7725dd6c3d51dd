package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.lint.rules.baseimage.LatestBaseImage;
import dev.bulwark.lint.rules.privilege.RootUser;
import dev.bulwark.lint.rules.build.SingleStageBuildTools;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden tests for the tty and json writers. */
class ReportWritersTest {
  private static final String DF = "FROM alpine:latest\nRUN apk add --no-cache go\nCMD /app\n";

  /** A fixed rule set, so new rules in the catalog do not change these golden outputs. */
  private static final Linter<DockerfileTarget> SEED_RULES = new Linter<>(List.of(new RootUser(), new LatestBaseImage(), new SingleStageBuildTools()));

  private static ScanReport report() {
    DockerfileTarget t = DockerfileTarget.parse("app/Dockerfile", DF);
    return new ScanReport(List.of(
        FileReport.of("app/Dockerfile", SEED_RULES.lint(t), DF),
        FileReport.of("clean/Dockerfile", List.of(), "FROM x\n"),
        FileReport.failed("gone/Dockerfile", "no such file or directory")));
  }

  @Test
  void tty_plain() throws IOException {
    StringBuilder out = new StringBuilder();
    new TtyReport(false).write(report(), out);
    assertThat(out.toString()).isEqualTo("""
        app/Dockerfile
          1:1     critical BW-D001  No USER in the final stage: the container runs as root
             1 | FROM alpine:latest
                 ^~~~~~~~~~~~~~~~~~
          1:1     medium   BW-D003  Single-stage build ships its build tools (go) in the final image
             1 | FROM alpine:latest
                 ^~~~~~~~~~~~~~~~~~
          1:6     high     BW-D002  FROM alpine:latest follows the moving :latest tag
             1 | FROM alpine:latest
                      ^~~~~~~~~~~~~

        gone/Dockerfile: error: no such file or directory
        1 critical, 1 high, 1 medium in 3 files scanned
        """);
  }

  @Test
  void tty_colourOnlyWhenAsked() throws IOException {
    StringBuilder out = new StringBuilder();
    new TtyReport(true).write(report(), out);
    assertThat(out.toString()).contains("\u001b[1;35mcritical");
  }

  @Test
  void summary_wording() {
    assertThat(new ScanReport(List.of()).summary()).isEqualTo("no findings");
    assertThat(report().summary()).isEqualTo("1 critical, 1 high, 1 medium");
  }

  @Test
  void json_schemaV1() throws IOException {
    StringBuilder out = new StringBuilder();
    new JsonReport("1.2.3").write(report(), out);
    String json = out.toString();
    assertThat(json).startsWith("{\n  \"schemaVersion\" : 1,\n  \"tool\" : {\n    \"name\" : \"bulwark\",\n    \"version\" : \"1.2.3\"");
    assertThat(json).contains("\"critical\" : 1", "\"high\" : 1", "\"medium\" : 1", "\"ruleId\" : \"BW-D002\"", "\"column\" : 6", "\"endColumn\" : 19",
        "\"aliases\" : [ \"DL3006\", \"DL3007\", \"DS001\" ]", "\"error\" : \"no such file or directory\"");
  }
}
