package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Finding;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.rules.packages.PackageCacheLeft;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule that covers several package managers gives each finding only the other tools' ids of its
 * occurrence (DL3009 for apt lists, DL3019/DS025 for apk), and the machine formats say those, not
 * every id of the rule: whoever matches Bulwark's results to hadolint's or Trivy's goes by them.
 */
class OccurrenceAliasesTest {
  private static final String DF = "FROM alpine:3.20\nRUN apk add curl\n"
      + "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n";

  private static ScanReport report() {
    List<Finding> findings = new Linter<>(List.of(new PackageCacheLeft())).lint(DockerfileTarget.parse("Dockerfile", DF));
    return new ScanReport(List.of(FileReport.of("Dockerfile", findings, DF)));
  }

  private static JsonNode render(ReportWriter w) throws Exception {
    StringBuilder sb = new StringBuilder();
    w.write(report(), sb);
    return new ObjectMapper().readTree(sb.toString());
  }

  @Test
  void jsonGivesEachFindingItsOwnAliases() throws Exception {
    JsonNode findings = render(new JsonReport("1")).path("files").get(0).path("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).path("aliases").toString()).isEqualTo("[\"DL3019\",\"DS025\"]");
    assertThat(findings.get(1).path("aliases").toString()).isEqualTo("[\"DL3009\"]");
  }

  @Test
  void sarifResultsCarryThemAsProperties() throws Exception {
    JsonNode results = render(new SarifReport("1")).path("runs").get(0).path("results");
    assertThat(results.get(0).path("properties").path("aliases").toString()).isEqualTo("[\"DL3019\",\"DS025\"]");
    assertThat(results.get(1).path("properties").path("aliases").toString()).isEqualTo("[\"DL3009\"]");
  }
}
