package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Golden and schema tests for the CI formats: SARIF, JUnit, Checkstyle, GitLab, Markdown, baselines. */
class FormatsTest {
  private static final String DF = "FROM alpine:latest\nRUN apk add curl && curl -k https://x | sh\nENV API_TOKEN=abc\nCMD x\n";
  private static final Path SHARED = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/schemas");

  static ScanReport report() {
    DockerfileTarget t = DockerfileTarget.parse("svc/a b/Dockerfile", DF);
    return new ScanReport(List.of(FileReport.of("svc/a b/Dockerfile", DockerfileRules.linter().lint(t), DF), FileReport.failed("x/Dockerfile", "permission denied")));
  }

  static String render(ReportWriter w, ScanReport r) throws IOException {
    StringBuilder sb = new StringBuilder();
    w.write(r, sb);
    return sb.toString();
  }

  @Test
  void sarif_isValidAgainstTheOfficialSchema() throws Exception {
    Path schema = SHARED.resolve("sarif-2.1.0/sarif-schema-2.1.0.json");
    assumeTrue(Files.exists(schema), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    String sarif = render(new SarifReport("0.1.0-SNAPSHOT"), report());
    JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Files.newInputStream(schema));
    Set<ValidationMessage> errors = s.validate(new ObjectMapper().readTree(sarif));
    assertThat(errors).isEmpty();
    // fix suggestions are in the validated document: an insertion (apk add --no-cache) and a replacement (CMD in exec form)
    JsonNode results = new ObjectMapper().readTree(sarif).at("/runs/0/results");
    List<String> fixes = new java.util.ArrayList<>();
    for (JsonNode r : results) {
      if (r.has("fixes")) {
        fixes.add(r.get("ruleId").asText() + " " + r.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText());
      }
    }
    assertThat(fixes).contains("BW-D022  --no-cache", "BW-D067 [\"x\"]");
    // the validator does catch a broken document
    assertThat(s.validate(new ObjectMapper().readTree(sarif.replace("\"level\" : \"error\"", "\"level\" : \"fatal\"")))).isNotEmpty();
  }

  @Test
  void json_findingsWithAFixCarryIt() throws Exception {
    JsonNode findings = new ObjectMapper().readTree(render(new JsonReport("1.0.0"), report())).at("/files/0/findings");
    JsonNode apk = null;
    for (JsonNode f : findings) {
      if (f.get("ruleId").asText().equals("BW-D022")) {
        apk = f.get("fix");
      } else if (!List.of("BW-D067", "BW-D001", "BW-D002").contains(f.get("ruleId").asText())) {
        assertThat(f.has("fix")).as(f.get("ruleId").asText()).isFalse();
      }
    }
    assertThat(apk).isNotNull();
    assertThat(apk.get("safe").asBoolean()).isTrue();
    assertThat(apk.get("description").asText()).isEqualTo("Add --no-cache to apk add");
    JsonNode edit = apk.at("/edits/0");
    // "RUN apk add" on line 2: the insertion goes right after "add", offset 19 + 11
    assertThat(List.of(edit.get("line").asInt(), edit.get("column").asInt(), edit.get("offset").asInt(), edit.get("length").asInt()))
        .containsExactly(2, 12, 30, 0);
    assertThat(edit.get("text").asText()).isEqualTo(" --no-cache");
  }

  @Test
  void sarif_content() throws Exception {
    JsonNode root = new ObjectMapper().readTree(render(new SarifReport("1.0.0"), report()));
    JsonNode run = root.get("runs").get(0);
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    assertThat(run.at("/tool/driver/rules").size()).isGreaterThan(3);
    JsonNode first = run.get("results").get(0);
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("svc/a%20b/Dockerfile");
    assertThat(first.at("/partialFingerprints/primaryLocationLineHash").asText()).hasSize(32);
    for (JsonNode r : run.get("results")) {
      String id = r.get("ruleId").asText();
      assertThat(run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText()).isEqualTo(id);
    }
    assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText()).matches("\\d+\\.\\d");
  }

  @Test
  void junit_isWellFormedWithOneFailurePerFinding() throws Exception {
    String xml = render(new XmlReports.JUnit(), report());
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    assertThat(d.getElementsByTagName("failure").getLength()).isEqualTo(report().findingCount());
    assertThat(d.getElementsByTagName("error").getLength()).isEqualTo(1);
    assertThat(d.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(report().findingCount()));
  }

  @Test
  void checkstyle_isWellFormed() throws Exception {
    String xml = render(new XmlReports.Checkstyle(), report());
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    assertThat(d.getElementsByTagName("file").getLength()).isEqualTo(2);
    assertThat(xml).contains("source=\"bulwark.BW-D001\"", "severity=\"error\"");
  }

  @Test
  void gitlab_codeQuality() throws Exception {
    JsonNode arr = new ObjectMapper().readTree(render(new GitlabReport(), report()));
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.size()).isEqualTo(report().findingCount());
    JsonNode f = arr.get(0);
    assertThat(f.get("location").get("path").asText()).isEqualTo("svc/a b/Dockerfile");
    assertThat(Set.of("info", "minor", "major", "critical", "blocker")).contains(f.get("severity").asText());
    assertThat(f.get("fingerprint").asText()).isNotBlank();
  }

  @Test
  void markdown_escapesPipes() throws Exception {
    String md = render(new MarkdownReport(), report());
    assertThat(md).startsWith("## Bulwark: 1 critical").contains("| Severity | Rule | Line | Finding | Fix |", "Error: permission denied");
  }

  @Test
  void baseline_roundTripHidesAcceptedFindingsAndSurvivesLineShifts() throws Exception {
    ScanReport before = report();
    Baseline.Root root = new Baseline.Root(Path.of("/repo"), Path.of("/repo"));
    Baseline b = Baseline.parse(Baseline.write(before, root), "baseline.json");
    assertThat(b.filter(before, root).findingCount()).isZero();
    String shifted = "# a new comment line\n" + DF + "USER root\n";
    ScanReport after = new ScanReport(List.of(FileReport.of("svc/a b/Dockerfile",
        DockerfileRules.linter().lint(DockerfileTarget.parse("svc/a b/Dockerfile", shifted)), shifted)));
    ScanReport fresh = b.filter(after, root);
    assertThat(fresh.files().getFirst().findings()).extracting(f -> f.message()).allMatch(m -> m.contains("USER root") || m.contains("root"));
    assertThat(fresh.findingCount()).isLessThan(after.findingCount());
  }

  @Test
  void baseline_rejectsGarbage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Baseline.parse("[1,2", "b.json")).isInstanceOf(Baseline.BaselineException.class);
  }
}
