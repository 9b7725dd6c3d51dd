package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vulnerabilities a VEX statement or an ignore file took out: shown apart in tty, JSON, SARIF and Markdown; not in the problem lists. */
class SuppressedShownTest {
  private static final Path SHARED = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/schemas");

  static Finding vuln(String id, Severity sev, String message) {
    RuleInfo rule = new RuleInfo(id, id + " in openssl", sev, Category.VULNERABILITIES, "A known vulnerability in an installed package (Debian:12).",
        "Upgrade openssl to 3.0.2 or later", List.of("GHSA-aaaa-bbbb-cccc"), List.of());
    return new Finding(rule, sev, message, new Location.Package("pkg:deb/debian/libssl3@3.0.1-1?arch=amd64", "var/lib/dpkg/status"), null, rule.aliases());
  }

  static ScanReport report() {
    Finding kept = vuln("CVE-2026-0001", Severity.HIGH, "openssl 3.0.1-1 (libssl3): CVE-2026-0001, high by CVSS:3.1 7.5, fixed in 3.0.2");
    Finding vex = vuln("CVE-2026-0002", Severity.CRITICAL, "openssl 3.0.1-1 (libssl3): CVE-2026-0002, critical by CVSS:3.1 9.8, fixed in 3.0.2");
    Finding ignored = vuln("CVE-2026-0003", Severity.LOW, "openssl 3.0.1-1 (libssl3): CVE-2026-0003, low by debian urgency, no fix yet");
    return new ScanReport(List.of(FileReport.ofImage("app.tar", List.of(kept)).withSuppressed(List.of(
        new Suppressed(vex, "not_affected", "vulnerable_code_not_in_execute_path", "the TLS server is never started", "openvex vex.json statements[0]"),
        new Suppressed(ignored, "ignored", null, "no reason given", ".bulwarkignore.yaml:2")))));
  }

  static String render(ReportWriter w) throws Exception {
    StringBuilder sb = new StringBuilder();
    w.write(report(), sb);
    return sb.toString();
  }

  @Test
  void tty_listsThemAfterTheFindings_andCountsOnlyTheFindings() throws Exception {
    assertThat(render(new TtyReport(false))).isEqualTo("""
        app.tar
          package high     CVE-2026-0001  openssl 3.0.1-1 (libssl3): CVE-2026-0001, high by CVSS:3.1 7.5, fixed in 3.0.2
               | pkg:deb/debian/libssl3@3.0.1-1?arch=amd64 in /var/lib/dpkg/status
          suppressed (2):
            CVE-2026-0002  openssl 3.0.1-1 (libssl3)  not affected (vulnerable_code_not_in_execute_path: the TLS server is never started)  openvex vex.json statements[0]
            CVE-2026-0003  openssl 3.0.1-1 (libssl3)  ignored (no reason given)  .bulwarkignore.yaml:2

        1 high in 1 image
        """);
  }

  @Test
  void json_hasASuppressedArray() throws Exception {
    JsonNode file = new ObjectMapper().readTree(render(new JsonReport("test"))).at("/files/0");
    assertThat(file.at("/findings")).hasSize(1);
    JsonNode s = file.at("/suppressed");
    assertThat(s).hasSize(2);
    assertThat(s.get(0).at("/ruleId").asText()).isEqualTo("CVE-2026-0002");
    assertThat(s.get(0).at("/severity").asText()).isEqualTo("critical");
    assertThat(s.get(0).at("/location/purl").asText()).isEqualTo("pkg:deb/debian/libssl3@3.0.1-1?arch=amd64");
    assertThat(s.get(0).at("/status").asText()).isEqualTo("not_affected");
    assertThat(s.get(0).at("/justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
    assertThat(s.get(0).at("/detail").asText()).isEqualTo("the TLS server is never started");
    assertThat(s.get(0).at("/source").asText()).isEqualTo("openvex vex.json statements[0]");
    assertThat(s.get(1).at("/justification").isNull()).isTrue();
    assertThat(new ObjectMapper().readTree(render(new JsonReport("test"))).at("/summary/findings").asInt()).isEqualTo(1);
  }

  @Test
  void sarif_resultsWithAcceptedExternalSuppressions_schemaValid() throws Exception {
    String sarif = render(new SarifReport("test"));
    JsonNode run = new ObjectMapper().readTree(sarif).at("/runs/0");
    JsonNode results = run.at("/results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).has("suppressions")).isFalse();
    JsonNode sup = results.get(1).at("/suppressions/0");
    assertThat(sup.at("/kind").asText()).isEqualTo("external");
    assertThat(sup.at("/status").asText()).isEqualTo("accepted");
    assertThat(sup.at("/justification").asText())
        .isEqualTo("not affected (vulnerable_code_not_in_execute_path: the TLS server is never started) (openvex vex.json statements[0])");
    assertThat(results.get(1).at("/ruleId").asText()).isEqualTo("CVE-2026-0002");
    // the rule index points at the suppressed result's rule, which is in the driver's list
    assertThat(run.at("/tool/driver/rules/" + results.get(1).at("/ruleIndex").asInt() + "/id").asText()).isEqualTo("CVE-2026-0002");
    assertThat(results.get(2).at("/properties/suppressionStatus").asText()).isEqualTo("ignored");
    Path schema = SHARED.resolve("sarif-2.1.0/sarif-schema-2.1.0.json");
    assumeTrue(Files.exists(schema), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Files.newInputStream(schema))
        .validate(new ObjectMapper().readTree(sarif))).isEmpty();
  }

  @Test
  void markdown_collapsedList() throws Exception {
    assertThat(render(new MarkdownReport())).contains("""
        <details><summary>2 suppressed in <code>app.tar</code></summary>

        - CVE-2026-0002 in openssl 3.0.1-1 (libssl3): not affected (vulnerable_code_not_in_execute_path: the TLS server is never started) (openvex vex.json statements[0])
        - CVE-2026-0003 in openssl 3.0.1-1 (libssl3): ignored (no reason given) (.bulwarkignore.yaml:2)

        </details>
        """).startsWith("## Bulwark: 1 high in 1 file");
  }

  @Test
  void problemLists_leaveThemOut() throws Exception {
    for (ReportWriter w : List.of(new XmlReports.JUnit(), new XmlReports.Checkstyle(), new GitlabReport())) {
      assertThat(render(w)).as(w.getClass().getSimpleName()).contains("CVE-2026-0001").doesNotContain("CVE-2026-0002", "CVE-2026-0003");
    }
  }
}
