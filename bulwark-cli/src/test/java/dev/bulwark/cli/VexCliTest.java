package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --vex} and {@code --ignore-file} end to end, on {@code bulwark vulns} with the SBOM and tracker fixtures of
 * {@link VulnsCliTest} (findings CVE-2099-0001 medium in acl, -0003 low in attr, -0005 high in util-linux, -0007 low in
 * pam), on {@code bulwark image} and on {@code bulwark sbom --vulns} with the image {@link VulnImageCliTest} builds.
 */
class VexCliTest {
  @TempDir Path dir;
  Path db;
  Path sbom;

  @BeforeEach
  void database() throws Exception {
    db = dir.resolve("db");
    Path tracker = dir.resolve("debian.json");
    try (var in = VexCliTest.class.getResourceAsStream("/vulns/debian-tracker.json")) {
      Files.copy(in, tracker);
    }
    assertThat(CliTest.run("db", "import", "--db", db.toString(), tracker.toString()).exit()).isZero();
    Path project = Files.createDirectories(dir.resolve("project"));
    sbom = project.resolve("sbom.cdx.json");
    try (var in = VexCliTest.class.getResourceAsStream("/sboms/syft-debian.cdx.json")) {
      Files.copy(in, sbom);
    }
  }

  /** util-linux-extra's CVE-2099-0005 (the high one) not affected, as OpenVEX says it. */
  static final String OPENVEX = """
      {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.test/vex/1", "author": "team", "timestamp": "2026-11-01T00:00:00Z",
       "version": 1, "statements": [
        {"vulnerability": {"name": "CVE-2099-0005"}, "products": [{"@id": "pkg:deb/debian/util-linux-extra"}],
         "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path", "impact_statement": "the tool is never run"}]}
      """;

  static final String IGNORE = """
      vulnerabilities:
        - id: CVE-2099-0001
          packages: [pkg:deb/debian/acl]
          reason: acl is only read at build time
          expires: %s
        - id: CVE-2099-0007
      """;

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static TreeSet<String> ids(JsonNode list) {
    TreeSet<String> out = new TreeSet<>();
    list.forEach(x -> out.add(x.get("ruleId").asText()));
    return out;
  }

  @Test
  void vexAndIgnoreFile_takeThemOutOfTheGate_andShowThem() throws Exception {
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString()).exit()).as("the high one gates").isEqualTo(ExitCodes.FINDINGS);
    Path vex = write("vex.json", OPENVEX);
    Path ignore = write("accepted.yaml", IGNORE.formatted("2099-01-01"));
    CliTest.Run r = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--vex", vex.toString(), "--ignore-file", ignore.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("CVE-2099-0003", "  suppressed (3):",
        "    CVE-2099-0005  util-linux 2.38.1-5 (util-linux-extra)  not affected (vulnerable_code_not_in_execute_path: the tool is never run)  openvex "
            + vex + " statements[0]",
        "    CVE-2099-0001  acl 2.3.1-3 (libacl1)  ignored (acl is only read at build time)  " + ignore + ":2",
        "ignored (no reason given)  " + ignore + ":6")
        .endsWith("1 low vulnerability in 6 packages; 1 not affected per VEX, 2 ignored\n");
    assertThat(r.err()).isEmpty();

    Path json = dir.resolve("out.json");
    Path sarif = dir.resolve("out.sarif");
    CliTest.Run docs = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--vex", vex.toString(), "--ignore-file", ignore.toString(),
        "--format", "json=" + json, "--format", "sarif=" + sarif);
    assertThat(docs.exit()).as(docs.err()).isZero();
    assertThat(docs.err()).isEqualTo("bulwark: 1 low vulnerability in 6 packages; 1 not affected per VEX, 2 ignored\n");
    JsonNode file = new ObjectMapper().readTree(json.toFile()).at("/files/0");
    assertThat(ids(file.at("/findings"))).containsExactly("CVE-2099-0003");
    assertThat(ids(file.at("/suppressed"))).containsExactly("CVE-2099-0001", "CVE-2099-0005", "CVE-2099-0007");
    JsonNode results = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results");
    assertThat(results).hasSize(4);
    long suppressed = 0;
    for (JsonNode res : results) {
      if (res.has("suppressions")) {
        suppressed++;
        assertThat(res.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(res.at("/suppressions/0/status").asText()).isEqualTo("accepted");
      }
    }
    assertThat(suppressed).isEqualTo(3);
  }

  @Test
  void expiredEntry_warnsWithFileLine_andTheFindingIsBack() throws Exception {
    String yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    Path ignore = write("accepted.yaml", IGNORE.formatted(yesterday));
    CliTest.Run r = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--no-fail", "--ignore-file", ignore.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEqualTo("bulwark: warning: " + ignore + ":2: the ignore entry for CVE-2099-0001 expired on " + yesterday
        + ": it no longer applies, and its findings are reported again\n");
    assertThat(r.out()).containsPattern("(?m)^  acl +2\\.3\\.1-3 +2\\.3\\.1-4 +CVE-2099-0001 +medium ").endsWith("; 1 ignored\n");
    // today is still inside the entry's last day
    String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
    CliTest.Run onTheDay = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-fail", "--ignore-file", write("a2.yaml", IGNORE.formatted(today)).toString());
    assertThat(onTheDay.err()).isEmpty();
    assertThat(onTheDay.out()).doesNotContain("medium   CVE-2099-0001").endsWith("; 2 ignored\n");
  }

  @Test
  void defaultIgnoreFile_besideTheSbom_andTheOptionReplacesIt() throws Exception {
    Files.writeString(sbom.resolveSibling(".bulwarkignore.yaml"), "vulnerabilities:\n  - id: CVE-2099-0005\n    reason: accepted for the demo\n");
    CliTest.Run r = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color");
    assertThat(r.exit()).as("the high one is ignored").isZero();
    assertThat(r.out()).contains("ignored (accepted for the demo)  " + sbom.resolveSibling(".bulwarkignore.yaml") + ":2");
    Path other = write("other.yaml", "vulnerabilities: []\n");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--ignore-file", other.toString()).exit()).isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void trivyFilesAndCycloneDxVex() throws Exception {
    Path trivy = write(".trivyignore", "# accepted: not exposed\nCVE-2099-0005 exp:2099-12-31\n");
    CliTest.Run t = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--ignore-file", trivy.toString());
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(t.out()).contains("CVE-2099-0005  util-linux 2.38.1-5 (util-linux-extra)  ignored (accepted: not exposed)  " + trivy + ":2");
    Path trivyYaml = write(".trivyignore.yaml", "vulnerabilities:\n  - id: CVE-2099-0005\n    purls: [\"pkg:deb/debian/util-linux\"]\n    statement: by source\n");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--ignore-file", trivyYaml.toString()).out()).contains("ignored (by source)");
    // CycloneDX VEX: the ref is a bom-ref of the document's component
    Path cdx = write("vex.cdx.json", """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "components": [{"type": "library", "bom-ref": "ul", "name": "util-linux-extra", "purl": "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1"}],
         "vulnerabilities": [{"id": "CVE-2099-0005", "analysis": {"state": "not_affected", "justification": "code_not_reachable"}, "affects": [{"ref": "ul"}]}]}
        """);
    CliTest.Run c = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--vex", cdx.toString());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("not affected (code_not_reachable)  cyclonedx vex " + cdx + " vulnerabilities[0]").endsWith("; 1 not affected per VEX\n");
  }

  @Test
  void badFiles_areOneLineErrors() throws Exception {
    Path notVex = write("bad.json", "{\"statements\": []}");
    CliTest.assertOneLineError(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--vex", notVex.toString()), "bad.json: not a VEX document");
    Path badStatus = write("bad2.json", OPENVEX.replace("\"not_affected\"", "\"probably\""));
    CliTest.assertOneLineError(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--vex", badStatus.toString()),
        "bad2.json: statements[0].status: unknown status 'probably'");
    CliTest.assertOneLineError(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--vex", dir.resolve("none.json").toString()), "none.json");
    CliTest.assertOneLineError(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--vex", dir.toString()), "not a regular file");
    Path badIgnore = write("i.yaml", "vulnerabilities:\n  - id: CVE-1\n    expires: soon\n");
    CliTest.assertOneLineError(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--ignore-file", badIgnore.toString()),
        badIgnore + ":3: 'soon' is not a date");
  }

  /** The official CycloneDX 1.6 schema from ../shared (skipped where a clone has none). */
  static com.networknt.schema.JsonSchema cyclonedx16() {
    Path d = VulnImageCliTest.shared("schemas/cyclonedx");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(d), "skipped: ../shared/data/schemas not present");
    var f = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7,
        b -> b.schemaMappers(m -> m.mapPrefix("http://cyclonedx.org/schema/", d.toUri().toString())));
    return f.getSchema(com.networknt.schema.SchemaLocation.of("http://cyclonedx.org/schema/bom-1.6.schema.json"));
  }

  @Test
  void image_andSbomWithVulns() throws Exception {
    VulnImageCliTest image = new VulnImageCliTest();
    image.dir = Files.createDirectories(dir.resolve("image"));
    image.build(); // skips without the installed-package samples
    Path vex = write("vex.json", OPENVEX);
    Path ignore = write("accepted.yaml", IGNORE.formatted("2099-01-01"));
    Path json = dir.resolve("image.json");
    CliTest.Run r = CliTest.run("image", image.image.toString(), "--db", image.db.toString(), "--vex", vex.toString(), "--ignore-file", ignore.toString(),
        "--format", "json=" + json, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("; 1 not affected per VEX, 2 ignored");
    JsonNode file = new ObjectMapper().readTree(json.toFile()).at("/files/0");
    assertThat(ids(file.at("/suppressed"))).containsExactly("CVE-2099-0001", "CVE-2099-0005", "CVE-2099-0007");
    assertThat(ids(file.at("/findings"))).doesNotContain("CVE-2099-0001", "CVE-2099-0005", "CVE-2099-0007").contains("CVE-2099-0003");

    CliTest.Run noDb = CliTest.run("image", image.image.toString(), "--db", dir.resolve("nodb").toString(), "--vex", vex.toString());
    assertThat(noDb.exit()).isEqualTo(ExitCodes.INPUT_ERROR);

    CliTest.Run bom = CliTest.run("sbom", image.image.toString(), "--format", "cyclonedx", "--db", image.db.toString(), "--vex", vex.toString(),
        "--ignore-file", ignore.toString());
    assertThat(bom.exit()).as(bom.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(bom.out());
    assertThat(cyclonedx16().validate(doc)).isEmpty();
    JsonNode vulns = doc.at("/vulnerabilities");
    TreeSet<String> all = new TreeSet<>();
    TreeSet<String> refs = new TreeSet<>();
    doc.at("/components").forEach(c -> refs.add(c.path("bom-ref").asText()));
    String utilLinux = null;
    for (JsonNode v : vulns) {
      all.add(v.get("id").asText());
      v.at("/affects").forEach(a -> assertThat(refs).contains(a.get("ref").asText()));
      if (v.get("id").asText().equals("CVE-2099-0005")) utilLinux = v.at("/analysis/state").asText() + " " + v.at("/analysis/justification").asText();
    }
    assertThat(all).containsAll(List.of("CVE-2099-0001", "CVE-2099-0003", "CVE-2099-0005", "CVE-2099-0007"));
    assertThat(utilLinux).isEqualTo("not_affected code_not_reachable");
    assertThat(bom.err()).contains("bulwark: ").contains("1 not affected per VEX, 2 ignored");
    CliTest.Run table = CliTest.run("sbom", image.image.toString(), "--vulns", "--db", image.db.toString());
    assertThat(table.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(table.err()).contains("--format cyclonedx");
  }

  /** `bulwark report`: the --image vulnerabilities are triaged, the project's .bulwarkignore.yaml judged on --as-of. */
  @Test
  void report_triagesTheImagesVulnerabilities() throws Exception {
    VulnImageCliTest image = new VulnImageCliTest();
    image.dir = Files.createDirectories(dir.resolve("image"));
    image.build(); // skips without the installed-package samples
    Path project = ReportCliTest.copy("go-api", dir);
    CliTest.Run plain = ReportCliTest.report(project, "--image", image.image.toString(), "--db", image.db.toString(), "--format", "json");
    assertThat(plain.exit()).as(plain.err()).isZero();
    JsonNode before = new ObjectMapper().readTree(plain.out()).at("/images/original/vulnerabilities");
    assertThat(before.get("high").asInt()).isPositive();
    // expires on --as-of (2026-12-01): still applies; the VEX takes out the high one
    Files.writeString(project.resolve(".bulwarkignore.yaml"), "vulnerabilities:\n  - id: CVE-2099-0001\n    expires: 2026-12-01\n");
    CliTest.Run r = ReportCliTest.report(project, "--image", image.image.toString(), "--db", image.db.toString(), "--format", "json", "--vex",
        write("vex.json", OPENVEX).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode after = new ObjectMapper().readTree(r.out()).at("/images/original/vulnerabilities");
    assertThat(after.get("high").asInt()).as("CVE-2099-0005 not affected").isEqualTo(before.get("high").asInt() - 1);
    assertThat(after.get("medium").asInt()).as("CVE-2099-0001 ignored").isEqualTo(before.get("medium").asInt() - 1);
    assertThat(r.err()).doesNotContain("expired");
    CliTest.Run later = CliTest.run("report", project.toString(), "--as-of", "2026-12-02", "--image", image.image.toString(), "--db", image.db.toString(),
        "--format", "json");
    assertThat(later.err()).contains("bulwark: warning: " + project.resolve(".bulwarkignore.yaml") + ":2: the ignore entry for CVE-2099-0001 expired on 2026-12-01");
    CliTest.assertOneLineError(ReportCliTest.report(project, "--image", image.image.toString(), "--db", image.db.toString(), "--vex",
        write("v2.json", "[]").toString()), "v2.json: not a VEX document");
  }
}
