package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Baselines match however the scanned path was typed and wherever the scan ran; their format is checked. */
class BaselineTest {
  private static final String DF = "FROM alpine:latest\nRUN curl -k https://x | sh\n";

  static ScanReport scanned(String typedPath) {
    return new ScanReport(List.of(FileReport.of(typedPath, DockerfileRules.linter().lint(DockerfileTarget.parse(typedPath, DF)), DF)));
  }

  @Test
  void pathsAreRelativeToTheRoot_soEverySpellingAndWorkingDirectoryMatches() throws Exception {
    Baseline.Root atRepo = new Baseline.Root(Path.of("/repo"), Path.of("/repo"));
    Baseline b = Baseline.parse(Baseline.write(scanned("Dockerfile"), atRepo), "b.json");
    assertThat(b.filter(scanned("./Dockerfile"), atRepo).findingCount()).isZero();
    assertThat(b.filter(scanned("/repo/Dockerfile"), atRepo).findingCount()).isZero();
    assertThat(b.filter(scanned("sub/../Dockerfile"), atRepo).findingCount()).isZero();
    // the same baseline read by a scan run in /repo/sub: scan ../Dockerfile
    assertThat(b.filter(scanned("../Dockerfile"), new Baseline.Root(Path.of("/repo"), Path.of("/repo/sub"))).findingCount()).isZero();
    // a different file is not accepted
    assertThat(b.filter(scanned("other/Dockerfile"), atRepo).findingCount()).isPositive();
  }

  @Test
  void writesVersion2WithRootRelativePaths() throws Exception {
    String json = Baseline.write(scanned("/repo/svc/./Dockerfile"), new Baseline.Root(Path.of("/repo"), Path.of("/elsewhere")));
    assertThat(json).contains("\"version\" : 2", "\"path\" : \"svc/Dockerfile\"");
  }

  @Test
  void version1_isStillReadWithPathsAsTyped() throws Exception {
    ScanReport r = scanned("Dockerfile");
    StringBuilder findings = new StringBuilder();
    for (String fp : Fingerprints.of(r.files().getFirst()).values()) {
      findings.append(findings.isEmpty() ? "" : ",").append("{\"fingerprint\":\"").append(fp).append("\"}");
    }
    Baseline v1 = Baseline.parse("{\"version\":1,\"findings\":[" + findings + "]}", "old.json");
    assertThat(v1.filter(r, new Baseline.Root(Path.of("/x"), Path.of("/y"))).findingCount()).isZero();
  }

  @Test
  void unknownVersionsMissingVersionAndTrailingGarbage_areErrors() {
    assertThatThrownBy(() -> Baseline.parse("{\"version\":3,\"findings\":[]}", "b.json")).hasMessage(
        "b.json: unsupported baseline version 3 (this Bulwark reads 1 to 2; a newer Bulwark wrote it?)");
    assertThatThrownBy(() -> Baseline.parse("{\"version\":\"2\",\"findings\":[]}", "b.json")).hasMessageContaining("unsupported baseline version 2");
    assertThatThrownBy(() -> Baseline.parse("{\"findings\":[]}", "b.json")).hasMessage("b.json: not a baseline (no \"version\")");
    assertThatThrownBy(() -> Baseline.parse("{\"version\":2,\"findings\":[]} {\"x\":1}", "b.json"))
        .hasMessage("b.json: unexpected content after the baseline's closing '}'");
    assertThatThrownBy(() -> Baseline.parse("{\"version\":2,\"findings\":[]}\ngarbage", "b.json")).isInstanceOf(Baseline.BaselineException.class);
    assertThatThrownBy(() -> Baseline.parse("{\"version\":2,\"findings\":{}}", "b.json")).hasMessage("b.json: \"findings\" must be a list");
  }
}
