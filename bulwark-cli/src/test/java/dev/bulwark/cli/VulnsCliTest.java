package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bulwark vulns SBOM_FILE}: SBOMs as Syft and Trivy write them (own small fixtures in the shapes those tools
 * give: purl {@code upstream} and {@code distro} qualifiers, Trivy's {@code aquasecurity:trivy:Src*} properties and
 * SPDX {@code sourceInfo}, an operating-system component or package) and as Bulwark writes them, against the own
 * Debian tracker fixture, the real PyPI OSV records and the real Alpine 3.11 secdb sample when ../shared/data has them.
 * The Debian findings are the ones {@link VulnImageCliTest} establishes for the same packages with dpkg.
 */
class VulnsCliTest {
  /** What dpkg says of the tracker fixture for these packages (VulnImageCliTest checks it against dpkg). */
  static final TreeSet<String> DEBIAN = new TreeSet<>(java.util.List.of("CVE-2099-0001", "CVE-2099-0003", "CVE-2099-0005", "CVE-2099-0007"));

  @TempDir Path dir;
  Path db;

  @BeforeEach
  void database() throws Exception {
    db = dir.resolve("db");
    Path tracker = dir.resolve("debian.json");
    try (var in = VulnsCliTest.class.getResourceAsStream("/vulns/debian-tracker.json")) {
      Files.copy(in, tracker);
    }
    assertThat(CliTest.run("db", "import", "--db", db.toString(), tracker.toString()).exit()).isZero();
  }

  Path fixture(String name) throws IOException {
    Path p = dir.resolve(name);
    try (var in = VulnsCliTest.class.getResourceAsStream("/sboms/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }

  static TreeSet<String> ruleIds(Path json, String prefix) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode f : new ObjectMapper().readTree(json.toFile()).findValues("findings")) {
      f.forEach(x -> {
        if (x.get("ruleId").asText().startsWith(prefix)) out.add(x.get("ruleId").asText());
      });
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"syft-debian.cdx.json", "trivy-debian.cdx.json", "trivy-debian.spdx.json"})
  void foreignSboms_giveTheDebianFindingsBySourcePackage(String name) throws Exception {
    Path json = dir.resolve("out.json");
    CliTest.Run r = CliTest.run("vulns", fixture(name).toString(), "--db", db.toString(), "--format", "json=" + json, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(ruleIds(json, "CVE-2099")).isEqualTo(DEBIAN);
    String all = Files.readString(json);
    // libacl1 found by its source acl; util-linux at its source version, not the binNMU's; attr's epoch kept (CVE-2099-0004 is older)
    assertThat(all).contains("acl 2.3.1-3 (libacl1): CVE-2099-0001", "util-linux 2.38.1-5 (util-linux-extra): CVE-2099-0005", "attr 1:2.5.1-4 (libattr1)",
        "no fix yet (Debian: minor issue, no security advisory planned)");
    assertThat(r.err()).contains("bulwark: 1 high, 1 medium and 2 low vulnerabilities in ").doesNotContain("base image", "warning");
  }

  @Test
  void severityUnfixedAndFailOn() throws Exception {
    Path sbom = fixture("syft-debian.cdx.json");
    Path json = dir.resolve("out.json");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--format", "json=" + json, "--severity", "high").exit()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(ruleIds(json, "CVE-")).containsExactly("CVE-2099-0005");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--format", "json=" + json, "--severity", "medium,low", "--severity", "critical").exit())
        .as("no high one left: the gate at high passes").isZero();
    assertThat(ruleIds(json, "CVE-")).containsExactly("CVE-2099-0001", "CVE-2099-0003", "CVE-2099-0007");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--format", "json=" + json, "--ignore-unfixed", "--no-fail").exit()).isZero();
    assertThat(ruleIds(json, "CVE-")).doesNotContain("CVE-2099-0007").contains("CVE-2099-0005");
    assertThat(CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--fail-on", "critical").exit()).isZero();
    CliTest.Run text = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--no-color", "--fail-on", "medium");
    assertThat(text.exit()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(text.out()).contains("CVE-2099-0005", "util-linux").endsWith("1 high, 1 medium and 2 low vulnerabilities in 6 packages\n");
    CliTest.Run bad = CliTest.run("vulns", sbom.toString(), "--db", db.toString(), "--severity", "severe");
    assertThat(bad.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(bad.err()).contains("--severity: unknown severity 'severe'");
  }

  /** Imports {@code feed} into the database, then runs vulns on the fixture with JSON into {@code json}; the run must work. */
  CliTest.Run vulnsAfterImport(Path feed, String fixture, Path json) throws IOException {
    assertThat(CliTest.run("db", "import", "--db", db.toString(), feed.toString()).exit()).isZero();
    CliTest.Run r = CliTest.run("vulns", fixture(fixture).toString(), "--db", db.toString(), "--format", "json=" + json, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  @Test
  void pypiFromTheSharedSamples() throws Exception {
    Path pypi = VulnImageCliTest.shared("osv/PyPI.jsonl");
    assumeTrue(Files.isRegularFile(pypi), "no PyPI OSV samples at " + pypi + "; skipped");
    Path json = dir.resolve("out.json");
    vulnsAfterImport(pypi, "trivy-debian.cdx.json", json);
    // Django 4.2's advisories in the samples that name a fix above 4.2 (CVE-2023-31047 among them), by the PyPI name
    assertThat(Files.readString(json)).contains("Django 4.2: CVE-2023-31047");
  }

  @Test
  void alpineFromTheSharedSecdb() throws Exception {
    Path secdb = VulnImageCliTest.shared("distro/alpine/secdb-311-main.json");
    assumeTrue(Files.isRegularFile(secdb), "no Alpine secdb sample at " + secdb + "; skipped");
    Path json = dir.resolve("out.json");
    CliTest.Run r = vulnsAfterImport(secdb, "syft-alpine.spdx.json", json);
    // apache2-utils by its origin apache2 (the purl's upstream), Alpine v3.11 from distro=alpine-3.11.6; secdb fixes 2.4.34-r0
    assertThat(ruleIds(json, "CVE-")).containsExactly("CVE-2018-1333", "CVE-2018-8011");
    assertThat(Files.readString(json)).contains("apache2 2.4.33-r0 (apache2-utils)", "fixed in 2.4.34-r0");
    // busybox names no release, and the document no OS: said, not matched in silence
    assertThat(r.err()).contains("bulwark: warning: 1 OS package of ", "name no distribution release");
  }

  /** Bulwark's own SBOMs of the image VulnImageCliTest builds give the findings `bulwark image --db` gives. */
  @ParameterizedTest
  @ValueSource(strings = {"cyclonedx", "spdx", "json"})
  void bulwarksOwnSboms_matchLikeTheImage(String format) throws Exception {
    VulnImageCliTest image = new VulnImageCliTest();
    image.dir = Files.createDirectories(dir.resolve("image"));
    image.build(); // skips without the installed-package samples
    Path fromImage = dir.resolve("findings-of-image.json");
    assertThat(CliTest.run("image", image.image.toString(), "--db", image.db.toString(), "--format", "json=" + fromImage, "--no-fail").exit()).isZero();
    CliTest.Run sbom = CliTest.run("sbom", image.image.toString(), "--format", format);
    assertThat(sbom.exit()).as(sbom.err()).isZero();
    Path file = Files.writeString(dir.resolve("image." + format), sbom.out());
    Path fromSbom = dir.resolve("sbom.json");
    CliTest.Run r = CliTest.run("vulns", file.toString(), "--db", image.db.toString(), "--format", "json=" + fromSbom, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(ruleIds(fromSbom, "CVE-")).isEqualTo(ruleIds(fromImage, "CVE-")).isEqualTo(DEBIAN);
  }

  @Test
  void badSbomsAreOneLineErrors() throws Exception {
    String head = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",";
    String[][] cases = {
        {"not json", "not valid JSON"},
        {head + "\"components\":{\"type\":\"library\"}}", "components is an object, not a list"},
        {head + "\"components\":[{\"type\":\"library\",\"name\":{\"x\":1}}]}", "field 'name' is an object, not a string"},
        {head + "\"components\":[{\"type\":\"library\",\"name\":\"x\",\"properties\":\"p\"}]}", "field 'properties' is a string, not a list"},
        {head + "\"components\":[\"x\"]}", "component is a string, not an object"},
        {head + "\"components\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "nesting depth"},
        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"x\",\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"npm:x\"}]}]}", "invalid package URL"},
        {"{\"hello\":1}", "not an SBOM"}};
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("bad.json"), c[0]);
      CliTest.assertOneLineError(CliTest.run("vulns", f.toString(), "--db", db.toString()), "bad.json", c[1]);
    }
    CliTest.assertOneLineError(CliTest.run("vulns", dir.resolve("none.json").toString(), "--db", db.toString()), "none.json");
    CliTest.assertOneLineError(CliTest.run("vulns", dir.toString(), "--db", db.toString()), "not a regular file");
    CliTest.assertOneLineError(CliTest.run("vulns", fixture("syft-debian.cdx.json").toString(), "--db", dir.resolve("nodb").toString()), "no vulnerability database");
  }

  /**
   * Hostile SBOMs in a JVM of their own with a 512 MiB heap (HostileImageCliTest.run): a 60 MB document of 1.7 million tiny components (a tree
   * of it took 979 MB and ran out of memory at -Xmx512m before the reader streamed), one component holding a million properties, and a file over the
   * 64 MiB limit. Each is one error line, exit 2, no out-of-memory.
   */
  @Test
  void hostileSbomsStayInBoundedMemory() throws Exception {
    Path many = dir.resolve("many.json");
    try (BufferedWriter w = Files.newBufferedWriter(many, StandardCharsets.UTF_8)) {
      w.write("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[");
      for (int i = 0; i < 1_700_000; i++) w.write((i == 0 ? "" : ",") + "{\"type\":\"library\",\"name\":\"p" + i + "\"}");
      w.write("]}");
    }
    Path wide = dir.resolve("wide.json");
    try (BufferedWriter w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8)) {
      w.write("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"type\":\"library\",\"name\":\"x\",\"properties\":[");
      for (int i = 0; i < 1_000_000; i++) w.write((i == 0 ? "" : ",") + "{\"name\":\"n\",\"value\":\"" + i + "\"}");
      w.write("]}]}");
    }
    Path huge = dir.resolve("huge.json");
    try (var ch = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), (65L << 20) - 2);
    }
    String[][] cases = {{many.toString(), "more than 100000 packages"}, {wide.toString(), "more than 200000 JSON values"}, {huge.toString(), "huge.json"}};
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    for (String[] c : cases) {
      HostileImageCliTest.Run r = HostileImageCliTest.run(tmp, 0, "vulns", c[0], "--db", db.toString());
      assertThat(r.exit()).as(c[0] + ": " + r.err()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(r.err().lines().toList()).as(c[0]).singleElement().asString().startsWith("bulwark: error: ").contains(c[1]);
      System.out.println("vulns " + Path.of(c[0]).getFileName() + " (" + Files.size(Path.of(c[0])) + " bytes): " + r.cpuSeconds() + " s CPU, " + r.rssKb() + " KB peak RSS");
    }
  }
}
