package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go reachability end to end: an image holding a real, stripped "hello" binary (it links fmt, not net/http), and a
 * database of three made-up records for the standard library at every version. The net/http one names symbols the
 * binary lacks: not affected, shown apart, not gated. The fmt one names a symbol it has, and the third names none:
 * both stay findings.
 */
class GoReachabilityCliTest {
  @TempDir Path dir;
  Path image;
  Path db;

  static final String RECORDS = """
      {"id":"GO-2099-0001","aliases":["CVE-2099-1001"],"summary":"net/http request smuggling","database_specific":{"severity":"HIGH"},"affected":[{"package":{"ecosystem":"Go","name":"stdlib"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}],"ecosystem_specific":{"imports":[{"path":"net/http","symbols":["Server.Serve","ListenAndServe"]}]}}]}
      {"id":"GO-2099-0002","summary":"fmt misprints","database_specific":{"severity":"HIGH"},"affected":[{"package":{"ecosystem":"Go","name":"stdlib"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}],"ecosystem_specific":{"imports":[{"path":"fmt","symbols":["Println"]}]}}]}
      {"id":"GO-2099-0003","summary":"somewhere in the toolchain","database_specific":{"severity":"HIGH"},"affected":[{"package":{"ecosystem":"Go","name":"stdlib"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}
      """;

  @BeforeEach
  void build() throws Exception {
    assumeTrue(onPath("go"), "skipped: needs the Go toolchain (Debian golang-go; .ci/run installs it)");
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
    Files.writeString(src.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n");
    Path bin = dir.resolve("hello");
    ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin.toString(), ".").directory(src.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("go.log").toFile());
    pb.environment().putAll(Map.of("CGO_ENABLED", "0", "GOPROXY", "off", "GOCACHE", dir.resolve("gocache").toString(), "HOME", dir.toString()));
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0).as(Files.readString(dir.resolve("go.log"))).isTrue();
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(layer)) {
      byte[] b = Files.readAllBytes(bin);
      TarArchiveEntry e = new TarArchiveEntry("usr/local/bin/hello");
      e.setMode(0755);
      e.setSize(b.length);
      t.putArchiveEntry(e);
      t.write(b);
      t.closeArchiveEntry();
    }
    image = VulnImageCliTest.archive(dir.resolve("hello.tar"), List.of(layer.toByteArray()));
    db = dir.resolve("db");
    Path records = Files.writeString(dir.resolve("Go.jsonl"), RECORDS);
    assertThat(CliTest.run("db", "import", "--db", db.toString(), records.toString()).exit()).isZero();
  }

  @Test
  void codeNotInTheBinaryIsNotAffected_shownApart_andNotGated() throws Exception {
    CliTest.Run json = CliTest.run("image", image.toString(), "--db", db.toString(), "--format", "json", "--no-fail");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode file = new ObjectMapper().readTree(json.out()).get("files").get(0);
    Map<String, String> found = new TreeMap<>();
    file.get("findings").forEach(f -> found.put(f.get("ruleId").asText(), f.get("severity").asText()));
    assertThat(found).containsKeys("GO-2099-0002", "GO-2099-0003").doesNotContainKey("CVE-2099-1001");
    JsonNode suppressed = file.get("suppressed");
    assertThat(suppressed).hasSize(1);
    JsonNode s = suppressed.get(0);
    assertThat(s.get("ruleId").asText()).isEqualTo("CVE-2099-1001");
    assertThat(s.get("status").asText()).isEqualTo("not_affected");
    assertThat(s.get("justification").asText()).isEqualTo("vulnerable_code_not_present");
    assertThat(s.get("detail").asText()).isEqualTo("none of net/http.Server.Serve, net/http.ListenAndServe is in usr/local/bin/hello");
    assertThat(json.err()).contains("2 high vulnerabilities", "1 not affected per the Go binaries' symbol tables");

    CliTest.Run tty = CliTest.run("image", image.toString(), "--db", db.toString(), "--no-color");
    assertThat(tty.exit()).as("the two that stand gate at high").isEqualTo(ExitCodes.FINDINGS);
    assertThat(tty.out()).contains("suppressed (1):", "CVE-2099-1001", "not affected (vulnerable_code_not_present: none of net/http.Server.Serve");
  }

  @Test
  void aVexStatementComesBeforeTheAnalysis() throws Exception {
    Path vex = Files.writeString(dir.resolve("vex.json"), """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.test/vex/2", "author": "team", "timestamp": "2026-11-01T00:00:00Z",
         "version": 1, "statements": [{"vulnerability": {"name": "GO-2099-0001"}, "products": [{"@id": "pkg:golang/stdlib"}],
         "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
        """);
    CliTest.Run json = CliTest.run("image", image.toString(), "--db", db.toString(), "--format", "json", "--no-fail", "--vex", vex.toString());
    JsonNode s = new ObjectMapper().readTree(json.out()).get("files").get(0).get("suppressed").get(0);
    assertThat(s.get("justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
  }

  /** The JSON of {@code bulwark sbom --vulns --format cyclonedx}: the analysis as CycloneDX VEX states it. */
  @Test
  void cycloneDxSaysCodeNotPresent() throws Exception {
    CliTest.Run r = CliTest.run("sbom", image.toString(), "--db", db.toString(), "--format", "cyclonedx");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode vulns = new ObjectMapper().readTree(r.out()).get("vulnerabilities");
    JsonNode analysed = null;
    for (JsonNode v : vulns) if (v.get("id").asText().equals("CVE-2099-1001")) analysed = v;
    assertThat(analysed).isNotNull();
    assertThat(analysed.at("/analysis/state").asText()).isEqualTo("not_affected");
    assertThat(analysed.at("/analysis/justification").asText()).isEqualTo("code_not_present");
    assertThat(r.out()).contains("GO-2099-0002");
  }

  static boolean onPath(String tool) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }
}
