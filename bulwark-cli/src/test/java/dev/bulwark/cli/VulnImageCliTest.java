package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark image IMAGE --db DIR} end to end on a two-layer docker-save image: a Debian 12 base layer whose
 * {@code var/lib/dpkg/status} is real (two status files from ../shared/data/installed/dpkg, with binary→source
 * mappings and a binNMU'd source version), and an app layer with Django's dist-info. The database holds an own
 * Debian tracker fixture (fixed, fixed at the installed version, epochs, not-affected, unfixed no-dsa, another
 * release, a binary name) and, when the shared samples are there, the real PyPI OSV records. The Debian findings must
 * be exactly the advisories whose fix is newer than the installed source version by {@code dpkg --compare-versions}.
 */
class VulnImageCliTest {
  @TempDir Path dir;
  Path image;
  Path base;
  Path db;

  static Path shared(String rel) {
    return Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data").resolve(rel).normalize();
  }

  static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        t.putArchiveEntry(e);
        t.write(f.getValue());
        t.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  static Path archive(Path file, List<byte[]> layers) throws Exception {
    StringBuilder diffIds = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      diffIds.append(i == 0 ? "" : ",").append("\"sha256:").append(SbomCliTest.sha(layers.get(i))).append('"');
      names.append(i == 0 ? "" : ",").append("\"l").append(i).append("/layer.tar\"");
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"app\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
        + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = ("[{\"Config\":\"c.json\",\"RepoTags\":[\"demo:1\"],\"Layers\":[" + names + "]}]").getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("c.json", config);
    for (int i = 0; i < layers.size(); i++) entries.put("l" + i + "/layer.tar", layers.get(i));
    entries.put("manifest.json", manifest);
    Files.write(file, tar(entries));
    return file;
  }

  String status;

  @BeforeEach
  void build() throws Exception {
    Path a = shared("installed/dpkg/osv-scalibr_status_valid");
    Path b = shared("installed/dpkg/syft_image-dpkg_status");
    assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b), "no installed-package samples under " + shared("installed") + "; skipped");
    status = Files.readString(a).stripTrailing() + "\n\n" + Files.readString(b);
    byte[] osRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".getBytes(StandardCharsets.UTF_8);
    byte[] baseLayer = tar(Map.of("etc/os-release", osRelease, "var/lib/dpkg/status", status.getBytes(StandardCharsets.UTF_8)));
    byte[] appLayer = tar(Map.of("usr/lib/python3/dist-packages/Django-4.2.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: Django\nVersion: 4.2\n".getBytes(StandardCharsets.UTF_8)));
    image = archive(dir.resolve("app.tar"), List.of(baseLayer, appLayer));
    base = archive(dir.resolve("base.tar"), List.of(baseLayer));
    db = dir.resolve("db");
    Path tracker = dir.resolve("debian.json");
    try (var in = VulnImageCliTest.class.getResourceAsStream("/vulns/debian-tracker.json")) {
      Files.copy(in, tracker);
    }
    assertThat(CliTest.run("db", "import", "--db", db.toString(), tracker.toString()).exit()).isZero();
  }

  /** The source package and source version of each installed package, read here without Bulwark's parser. */
  Map<String, String> installedSources() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String stanza : status.split("\n\\s*\n")) {
      String name = null;
      String version = null;
      String source = null;
      for (String line : stanza.split("\n")) {
        if (line.startsWith("Package: ")) name = line.substring(9).strip();
        if (line.startsWith("Version: ")) version = line.substring(9).strip();
        if (line.startsWith("Source: ")) source = line.substring(8).strip();
      }
      if (name == null || name.isEmpty() || version == null) continue;
      String srcName = name;
      String srcVersion = version;
      if (source != null) {
        String[] parts = source.split("[ ()]+");
        srcName = parts[0];
        if (parts.length > 1) srcVersion = parts[1];
      }
      out.put(srcName, srcVersion);
    }
    return out;
  }

  static boolean dpkgLessThan(String a, String b) throws Exception {
    Process p = new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0;
  }

  @Test
  void debianFindingsAreExactlyWhatDpkgSays() throws Exception {
    assumeTrue(dev.bulwark.image.testing.LocalRegistry.onPath("dpkg"), "skipped: needs dpkg for the independent comparison");
    // the expected set, computed from the fixture and dpkg alone
    JsonNode tracker = new ObjectMapper().readTree(VulnImageCliTest.class.getResourceAsStream("/vulns/debian-tracker.json"));
    Map<String, String> installed = installedSources();
    TreeSet<String> expected = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> pkgs = tracker.fields(); pkgs.hasNext(); ) {
      Map.Entry<String, JsonNode> pkg = pkgs.next();
      String version = installed.get(pkg.getKey());
      if (version == null) continue;
      for (Iterator<Map.Entry<String, JsonNode>> ids = pkg.getValue().fields(); ids.hasNext(); ) {
        Map.Entry<String, JsonNode> id = ids.next();
        JsonNode bookworm = id.getValue().get("releases").get("bookworm");
        if (bookworm == null) continue;
        String fixed = bookworm.path("fixed_version").asText(null);
        boolean open = bookworm.get("status").asText().equals("open");
        if (open || (fixed != null && !fixed.equals("0") && dpkgLessThan(version, fixed))) expected.add(id.getKey());
      }
    }
    assertThat(expected).containsExactly("CVE-2099-0001", "CVE-2099-0003", "CVE-2099-0005", "CVE-2099-0007");

    Path json = dir.resolve("out.json");
    CliTest.Run r = CliTest.run("image", image.toString(), "--db", db.toString(), "--format", "json=" + json, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    TreeSet<String> found = new TreeSet<>();
    for (JsonNode f : findings(json)) {
      if (f.get("ruleId").asText().startsWith("CVE-2099")) found.add(f.get("ruleId").asText());
    }
    assertThat(found).isEqualTo(expected);
    String all = Files.readString(json);
    // by source package: libacl1 and acl are one finding on acl; util-linux at its source version, not the binNMU's
    assertThat(all).contains("acl 2.3.1-3 (acl, libacl1): CVE-2099-0001", "util-linux 2.38.1-5 (util-linux-extra): CVE-2099-0005",
        "high by debian high", "fixed in 2.38.1-5+deb12u1", "no fix yet (Debian: minor issue, no security advisory planned)");
    assertThat(r.err()).contains("bulwark: ", "1 high, 1 medium and 2 low vulnerabilities", "base image not known");
  }

  private static List<JsonNode> findings(Path json) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    root.findValues("findings").forEach(a -> a.forEach(out::add));
    return out;
  }

  @Test
  void pypiRecordsAliasesMergedBaseSplitAndGate() throws Exception {
    Path pypi = shared("osv/PyPI.jsonl");
    assumeTrue(Files.isRegularFile(pypi), "no PyPI OSV samples at " + pypi + "; skipped");
    // a GHSA record of the same vulnerability as a real PYSEC record (its CVE alias): one finding with every id
    String ghsa = "{\"id\":\"GHSA-test-0000-0001\",\"aliases\":[\"CVE-2023-31047\"],\"database_specific\":{\"severity\":\"CRITICAL\"},"
        + "\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"django\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"4.2\"},{\"fixed\":\"4.2.1\"}]}]}]}";
    Path ghsaFile = Files.writeString(dir.resolve("ghsa.jsonl"), ghsa + "\n");
    assertThat(CliTest.run("db", "import", "--db", db.toString(), pypi.toString(), ghsaFile.toString()).exit()).isZero();

    Path json = dir.resolve("out.json");
    Path sarif = dir.resolve("out.sarif");
    CliTest.Run r = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--offline",
        "--format", "json=" + json, "--format", "sarif=" + sarif, "--fail-on", "critical");
    assertThat(r.exit()).as("a critical vulnerability fails the gate: " + r.err()).isEqualTo(ExitCodes.FINDINGS);
    List<JsonNode> django = findings(json).stream().filter(f -> f.get("message").asText().startsWith("django 4.2")).toList();
    assertThat(django).isNotEmpty();
    List<JsonNode> merged = django.stream().filter(f -> f.get("message").asText().contains("GHSA-test-0000-0001")).toList();
    assertThat(merged).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("CVE-2023-31047");
      assertThat(f.get("message").asText()).contains("PYSEC-", "critical by database_specific CRITICAL", "fixed in 4.2.1", "(added on top of the base)");
    });
    assertThat(Files.readString(sarif)).contains("CVE-2023-31047", "CVE-2099-0005");
    assertThat(r.err()).containsPattern("\\d+ critical.* vulnerabilities \\(1 high, 1 medium and 2 low in the base image\\)");
    // the same image with the critical one ignored by id: a GHSA alias suppresses it too
    Path config = Files.writeString(dir.resolve(".bulwark.yaml"), "ignore: [GHSA-test-0000-0001]\n");
    CliTest.Run ignored = CliTest.run("image", image.toString(), "--db", db.toString(), "--config", config.toString(), "--format", "json=" + json,
        "--fail-on", "critical");
    assertThat(ignored.exit()).as(ignored.err()).isZero();
    assertThat(Files.readString(json)).doesNotContain("GHSA-test-0000-0001");
  }

  /** The guide measures the built image: its vulnerabilities, the base's share, and the grade's image checks. */
  @Test
  void theGuideCountsTheImagesVulnerabilitiesAndTheBasesShare() throws Exception {
    Path project = ReportCliTest.copy("go-api", dir);
    CliTest.Run r = CliTest.run("report", project.toString(), "--as-of", ReportCliTest.AS_OF, "--image", "original=" + image, "--base", base.toString(),
        "--db", db.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    JsonNode vulns = j.path("images").path("original").path("vulnerabilities");
    assertThat(vulns.path("high").asInt()).isEqualTo(1);
    assertThat(vulns.path("medium").asInt()).isEqualTo(1);
    assertThat(vulns.path("low").asInt()).isEqualTo(2);
    assertThat(j.path("grade").path("imageMeasured").asBoolean()).isTrue();
    assertThat(j.path("grade").path("possible").asInt()).isEqualTo(105);
    CliTest.Run md = CliTest.run("report", project.toString(), "--as-of", ReportCliTest.AS_OF, "--image", "original=" + image, "--base",
        "original=" + base, "--db", db.toString());
    assertThat(md.out()).contains("| original (`" + image + "`) | 0 | 1 | 1 | 2 | 0/1/1/2 |");
    CliTest.Run orphan = CliTest.run("report", project.toString(), "--image", "original=" + image, "--base", "alpine=" + base);
    assertThat(orphan.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(orphan.err()).contains("--base: no --image labelled alpine to split");
  }

  @Test
  void textOutputEndsWithTheSummary() throws Exception {
    CliTest.Run r = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--no-color", "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("CVE-2099-0005", "util-linux").endsWith("1 high, 1 medium and 2 low vulnerabilities (1 high, 1 medium and 2 low in the base image)\n");
  }

  /** The vulnerability filters of `bulwark vulns` work on an image too; the image checks are not filtered. */
  @Test
  void severityAndUnfixedFilters() throws Exception {
    Path json = dir.resolve("out.json");
    CliTest.Run r = CliTest.run("image", image.toString(), "--db", db.toString(), "--severity", "high", "--format", "json=" + json, "--no-fail");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> ids = findings(json).stream().map(f -> f.get("ruleId").asText()).toList();
    assertThat(ids.stream().filter(i -> i.startsWith("CVE-"))).containsExactly("CVE-2099-0005");
    assertThat(ids).anyMatch(i -> i.startsWith("BW-M"));
    assertThat(r.err()).contains("1 high vulnerability");
    CliTest.run("image", image.toString(), "--db", db.toString(), "--ignore-unfixed", "--format", "json=" + json, "--no-fail");
    assertThat(findings(json).stream().map(f -> f.get("ruleId").asText())).contains("CVE-2099-0001", "CVE-2099-0005").doesNotContain("CVE-2099-0007");
    CliTest.Run noDb = CliTest.run("image", image.toString(), "--severity", "high", "--db", dir.resolve("nodb").toString());
    assertThat(noDb.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
  }

  /** Scout's --only-base / --ignore-base: the base image's layers or the rest, in the findings and the sentence. */
  @Test
  void onlyBaseAndIgnoreBase() throws Exception {
    String django = "{\"id\":\"GHSA-test-0000-0002\",\"database_specific\":{\"severity\":\"HIGH\"},\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"PyPI\",\"name\":\"django\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"4.2\"},{\"fixed\":\"4.2.1\"}]}]}]}";
    assertThat(CliTest.run("db", "import", "--db", db.toString(), Files.writeString(dir.resolve("django.jsonl"), django + "\n").toString()).exit())
        .isZero();
    Path json = dir.resolve("out.json");
    CliTest.Run all = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--format", "json=" + json, "--no-fail");
    assertThat(all.exit()).as(all.err()).isZero();
    List<String> every = findings(json).stream().map(f -> f.get("ruleId").asText()).filter(i -> !i.startsWith("BW-")).toList();
    assertThat(every).contains("GHSA-test-0000-0002", "CVE-2099-0005");

    CliTest.Run onlyBase = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--only-base",
        "--format", "json=" + json, "--no-fail");
    assertThat(onlyBase.exit()).as(onlyBase.err()).isZero();
    List<String> fromBase = findings(json).stream().map(f -> f.get("ruleId").asText()).filter(i -> !i.startsWith("BW-")).toList();
    assertThat(fromBase).contains("CVE-2099-0005").doesNotContain("GHSA-test-0000-0002").hasSize(every.size() - 1);
    assertThat(onlyBase.err()).contains("(1 high, 1 medium and 2 low in the base image)");

    CliTest.Run ignoreBase = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--ignore-base",
        "--format", "json=" + json, "--no-fail");
    assertThat(findings(json).stream().map(f -> f.get("ruleId").asText()).filter(i -> !i.startsWith("BW-"))).containsExactly("GHSA-test-0000-0002");
    assertThat(findings(json).stream().map(f -> f.get("ruleId").asText())).as("the image checks are not filtered").anyMatch(i -> i.startsWith("BW-M"));
    assertThat(ignoreBase.err()).contains("1 high vulnerability (none in the base image)");

    CliTest.Run noBase = CliTest.run("image", image.toString(), "--db", db.toString(), "--only-base");
    assertThat(noBase.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(noBase.err()).startsWith("bulwark: --only-base needs --base IMAGE");
    CliTest.Run both = CliTest.run("image", image.toString(), "--db", db.toString(), "--base", base.toString(), "--only-base", "--ignore-base");
    assertThat(both.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(both.err()).contains("exclude each other");
  }

  @Test
  void badDatabaseOrOptionsAreOneLineErrors() throws Exception {
    Files.writeString(db.resolve(dev.bulwark.vuln.db.IndexedDbFile.NAME), "not a database");
    CliTest.assertOneLineError(CliTest.run("image", image.toString(), "--db", db.toString()), "corrupt");
    CliTest.assertOneLineError(CliTest.run("image", image.toString(), "--db", dir.resolve("none").toString()), "no vulnerability database");
    CliTest.Run offline = CliTest.run("image", "registry.example/app:1", "--offline", "--db", db.toString());
    assertThat(offline.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(offline.err()).contains("--offline: registry.example/app:1 is not a local image");
    CliTest.Run wrongBase = CliTest.run("image", base.toString(), "--db", dir.resolve("db2").toString(), "--base", image.toString());
    assertThat(wrongBase.exit()).isNotZero();
  }
}
