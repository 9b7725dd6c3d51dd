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
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** Image findings are reported at the config field or the layer file they concern, never at "1:1". */
class ImageLocationsTest {
  private static final Path SHARED = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/schemas");
  private static final RuleInfo ROOT = new RuleInfo("BW-M001", "Image runs as root", Severity.CRITICAL, Category.PRIVILEGE, "why", "fix",
      List.of("DS002"), List.of());
  private static final RuleInfo SETUID = new RuleInfo("BW-M006", "setuid", Severity.MEDIUM, Category.PRIVILEGE, "why", "fix", List.of(), List.of());

  private static ScanReport report() {
    return new ScanReport(List.of(FileReport.ofImage("registry.test/app:1", List.of(
        Finding.at(ROOT, "the image runs as root", new Location.ImageConfig("User")),
        Finding.at(SETUID, "1 setuid/setgid file(s): /usr/bin/su",
            new Location.LayerFile(2, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "usr/bin/su"))))));
  }

  private static String render(ReportWriter w) throws Exception {
    StringBuilder sb = new StringBuilder();
    w.write(report(), sb);
    return sb.toString();
  }

  @Test
  void tty_showsTheConfigFieldOrTheLayerAndPath_andCountsImages() throws Exception {
    assertThat(render(new TtyReport(false))).isEqualTo("""
        registry.test/app:1
          config  critical BW-M001  the image runs as root
               | image config: User
          layer 2 medium   BW-M006  1 setuid/setgid file(s): /usr/bin/su
               | /usr/bin/su in layer 2 (sha256:0123456789ab)

        1 critical, 1 medium in 1 image
        """);
  }

  @Test
  void json_hasALocationObjectInsteadOfLineOne() throws Exception {
    JsonNode findings = new ObjectMapper().readTree(render(new JsonReport("test"))).at("/files/0/findings");
    assertThat(findings.get(0).has("line")).isFalse();
    assertThat(findings.get(0).at("/location/kind").asText()).isEqualTo("image-config");
    assertThat(findings.get(0).at("/location/field").asText()).isEqualTo("User");
    assertThat(findings.get(1).at("/location/kind").asText()).isEqualTo("layer-file");
    assertThat(findings.get(1).at("/location/layer").asInt()).isEqualTo(2);
    assertThat(findings.get(1).at("/location/path").asText()).isEqualTo("/usr/bin/su");
  }

  @Test
  void sarif_usesLogicalLocations_andStaysValid() throws Exception {
    String sarif = render(new SarifReport("test"));
    JsonNode result = new ObjectMapper().readTree(sarif).at("/runs/0/results/1");
    assertThat(result.at("/locations/0/physicalLocation/region").isMissingNode()).isTrue();
    assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).startsWith("/usr/bin/su in layer 2");
    Path schema = SHARED.resolve("sarif-2.1.0/sarif-schema-2.1.0.json");
    assumeTrue(Files.exists(schema), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Files.newInputStream(schema))
        .validate(new ObjectMapper().readTree(sarif))).isEmpty();
  }

  @Test
  void lineFormats_sayWhereInTheMessage() throws Exception {
    String checkstyle = render(new XmlReports.Checkstyle());
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(checkstyle)));
    assertThat(checkstyle).contains("the image runs as root (image config: User)");
    assertThat(render(new GitlabReport())).contains("(/usr/bin/su in layer 2 (sha256:0123456789ab))");
    assertThat(render(new MarkdownReport())).contains("| image config: User |");
    assertThat(render(new XmlReports.JUnit())).contains("registry.test/app:1 (image config: User)");
  }
}
