package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.PurposeVerdict;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every format says what each file was judged to be for, since severities depend on it. */
class PurposeShownTest {
  private static final RuleInfo ROOT = new RuleInfo("BW-D001", "Container runs as root", Severity.CRITICAL, Category.PRIVILEGE, "why", "fix",
      List.of("DL3002"), List.of());

  private static String render(ReportWriter w) throws Exception {
    Finding f = new Finding(ROOT, Severity.LOW, "No USER in the final stage (base image: the images built FROM it must set USER)",
        new Span(1, 1, 1, 10, 0, 9), null);
    FileReport file = FileReport.of("images/python/Dockerfile", List.of(f), "FROM x:1\n")
        .withPurpose(PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and its command is python3"));
    StringBuilder sb = new StringBuilder();
    w.write(new ScanReport(List.of(file)), sb);
    return sb.toString();
  }

  @Test
  void ttyShowsItBesideThePath() throws Exception {
    assertThat(render(new TtyReport(false)).lines().findFirst().orElseThrow())
        .isEqualTo("images/python/Dockerfile  base or toolchain image (inferred: no project sources copied and its command is python3)");
  }

  @Test
  void jsonSarifMarkdownAndJunitCarryIt() throws Exception {
    JsonNode purpose = new ObjectMapper().readTree(render(new JsonReport("test"))).at("/files/0/purpose");
    assertThat(purpose.get("kind").asText()).isEqualTo("base");
    assertThat(purpose.get("source").asText()).isEqualTo("inferred");
    assertThat(purpose.get("reason").asText()).isEqualTo("no project sources copied and its command is python3");
    JsonNode result = new ObjectMapper().readTree(render(new SarifReport("test"))).at("/runs/0/results/0/properties");
    assertThat(result.get("purpose").asText()).isEqualTo("base");
    assertThat(render(new MarkdownReport())).contains("Judged as a base or toolchain image (inferred: no project sources copied");
    assertThat(render(new XmlReports.JUnit())).contains("<property name=\"purpose\" value=\"base (inferred: no project sources copied");
    // Checkstyle and GitLab carry findings only: the purpose is in the messages it changed
    assertThat(render(new XmlReports.Checkstyle())).contains("(base image: the images built FROM it must set USER)");
  }
}
