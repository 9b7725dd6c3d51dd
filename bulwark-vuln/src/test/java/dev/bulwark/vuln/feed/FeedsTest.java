package dev.bulwark.vuln.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.vuln.db.MatchResult;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.match.Findings;
import dev.bulwark.vuln.match.Rating;
import dev.bulwark.vuln.match.VulnFinding;
import dev.bulwark.vuln.osv.OsvImport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution feeds: Alpine secdb (the shared samples), the Debian tracker JSON (an own fixture re-expressing the
 * tracker's states from the shared text sample: fixed, unfixed with no-dsa/postponed/ignored, unimportant,
 * not-affected, end-of-life, undetermined), and OSV zip archives with their bounds.
 */
class FeedsTest {
  @TempDir Path tmp;

  static Path shared(String rel) {
    return Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data").resolve(rel).normalize();
  }

  static MemoryVulnDatabase db(OsvImport.Result r) {
    return new MemoryVulnDatabase(Instant.EPOCH, List.of(), r.advisories());
  }

  Path debian() throws IOException {
    Path f = tmp.resolve("debian.json");
    try (var in = FeedsTest.class.getResourceAsStream("/feeds/debian-tracker.json")) {
      Files.copy(in, f);
    }
    return f;
  }

  @Test
  void alpineSecdbSamplesByBranchAndApkOrder() throws IOException {
    Path dir = shared("distro/alpine");
    assumeTrue(Files.isDirectory(dir), "no Alpine secdb samples at " + dir + "; skipped");
    OsvImport.Result r = Feeds.read(dir);
    assertThat(r.errors()).isEmpty();
    assertThat(r.advisories()).isNotEmpty();
    MemoryVulnDatabase db = db(r);
    // secdb-312-main: ansible 2.7.9-r0 fixes CVE-2018-16876 on v3.12
    List<VulnFinding> f = Findings.of(db, "Alpine:v3.12", "ansible", "2.7.8-r0");
    assertThat(f).extracting(VulnFinding::id).contains("CVE-2018-16876");
    assertThat(f.get(0).fixed()).isEqualTo("2.7.9-r0");
    // exactly at the fix, above it, and the revision order of apk (-r10 after -r9)
    assertThat(db.match("Alpine:v3.12", "ansible", "2.7.9-r0").matches()).isEmpty();
    assertThat(db.match("Alpine:v3.12", "ansible", "2.7.9-r1").matches()).isEmpty();
    assertThat(db.match("Alpine:v3.12", "ansible", "2.7.9_rc1-r0").matches()).isNotEmpty();
    // another branch's advisories do not apply, nor another ecosystem's
    assertThat(db.match("Alpine:v3.9", "ansible", "2.7.8-r0").matches()).isEmpty();
    assertThat(db.match("Debian:12", "ansible", "2.7.8-r0").matches()).isEmpty();
    // os-release's 3.12.4 and OSV's spelling without a v reach the same branch
    assertThat(db.match("Alpine:3.12", "ansible", "2.7.8-r0").matches()).isNotEmpty();
  }

  @Test
  void alpineFixedZeroIsNeverAffected() throws IOException {
    Path f = tmp.resolve("v3.20-main.json");
    Files.writeString(f, """
        {"distroversion": "v3.20", "reponame": "main", "packages": [
          {"pkg": {"name": "busybox", "secfixes": {"0": ["CVE-2021-42373"], "1.36.1-r2": ["CVE-2023-42363 CVE-2023-42364"], "bad version": ["CVE-1"]}}}]}
        """);
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.errors()).singleElement().asString().contains("not a valid apk version");
    MemoryVulnDatabase db = db(r);
    assertThat(Findings.of(db, "Alpine:v3.20", "busybox", "1.36.1-r1")).extracting(VulnFinding::id)
        .containsExactly("CVE-2023-42363", "CVE-2023-42364");
    assertThat(Findings.of(db, "Alpine:v3.20", "busybox", "1.30.0-r0")).extracting(VulnFinding::id).doesNotContain("CVE-2021-42373");
  }

  @Test
  void debianTrackerStates() throws IOException {
    OsvImport.Result r = Feeds.read(debian());
    assertThat(r.errors()).isEmpty();
    MemoryVulnDatabase db = db(r);
    // fixed in bookworm: below the fix affected, at it not
    List<VulnFinding> foot = Findings.of(db, "Debian:12", "foot", "1.13.1-2");
    assertThat(foot).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("TEMP-0000000-F00T01");
      assertThat(v.fixed()).isEqualTo("1.13.1-2+deb12u1");
      assertThat(v.note()).isNull();
      assertThat(v.rating()).isEqualTo(Rating.UNKNOWN);
    });
    assertThat(db.match("Debian:12", "foot", "1.13.1-2+deb12u1").matches()).isEmpty();
    // bullseye: unfixed, no DSA planned
    assertThat(Findings.of(db, "Debian:11", "foot", "1.6.4-1")).singleElement().satisfies(v -> {
      assertThat(v.fixed()).isNull();
      assertThat(v.note()).isEqualTo("no-dsa");
    });
    assertThat(Findings.of(db, "Debian:11", "putty", "0.74-1+deb11u1").get(0).note()).isEqualTo("postponed");
    assertThat(Findings.of(db, "Debian:10", "putty", "0.70-6").get(0).note()).isEqualTo("ignored");
    // urgency is the vendor rating, and the source says so
    VulnFinding putty = Findings.of(db, "Debian:11", "putty", "0.74-1+deb11u1").get(0);
    assertThat(putty.rating()).isEqualTo(Rating.LOW);
    assertThat(putty.ratingSource()).isEqualTo("debian low");
    assertThat(Findings.of(db, "Debian:12", "ant", "1.10.13-1").get(0).ratingSource()).isEqualTo("debian unimportant");
    // not-affected (fixed_version 0) never matches, however old
    assertThat(db.match("Debian:10", "openssl", "0.9.8-1").matches()).isEmpty();
    // a version exactly at the fix, an epoch above it, and the tilde below it
    assertThat(Findings.of(db, "Debian:12", "openssl", "3.0.8-1")).extracting(VulnFinding::id).containsExactly("CVE-2023-0465");
    assertThat(db.match("Debian:12", "openssl", "3.0.8-1~bpo1").matches()).extracting(m -> m.advisory().ids().get(0)).contains("CVE-2023-0464");
    assertThat(Findings.of(db, "Debian:12", "openssl", "3.0.8-1").stream().map(VulnFinding::note)).containsExactly("undetermined");
    assertThat(Findings.of(db, "Debian:9", "openssl", "1.1.0l-1~deb9u6").get(0).note()).isEqualTo("end-of-life");
    assertThat(Findings.of(db, "Debian:12", "openssl", "3.0.7-1").get(0).ratingSource()).isEqualTo("debian medium");
    // the release is the key: another release's entry is not used, nor an unknown package
    assertThat(db.match("Debian:13", "foot", "1.0-1").matches()).isEmpty();
    assertThat(db.match("Debian:sid", "foot", "1.15.3-1").matches()).isNotEmpty();
    assertThat(db.match("Debian:12", "libssl3", "3.0.7-1").matches()).isEmpty();
  }

  @Test
  void badJsonIsOneErrorAndKeepsWhatWasRead() throws IOException {
    Path f = tmp.resolve("truncated.json");
    String text = Files.readString(debian());
    Files.writeString(f, text.substring(0, text.indexOf("\"openssl\"") + 40));
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.errors()).singleElement().asString().contains("not valid JSON");
    assertThat(r.advisories()).isNotEmpty();
    Path deep = tmp.resolve("deep.json");
    Files.writeString(deep, "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    assertThat(Feeds.read(deep).errors()).singleElement().asString().contains("not valid JSON");
    Path array = tmp.resolve("array.json");
    Files.writeString(array, "[1,2]");
    assertThat(Feeds.read(array).errors()).singleElement().asString().contains("not an OSV record, Alpine secdb or Debian tracker");
  }

  static final String RECORD = """
      {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2024-0001"], "modified": "2024-01-01T00:00:00Z",
       "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.3"}]}]}]}
      """;

  void zip(Path f, int entries, byte[] content) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
      for (int i = 0; i < entries; i++) {
        z.putNextEntry(new ZipEntry("rec" + i + ".json"));
        z.write(content);
        z.closeEntry();
      }
    }
  }

  @Test
  void osvZipArchive() throws IOException {
    Path f = tmp.resolve("all.zip");
    zip(f, 1, RECORD.getBytes(StandardCharsets.UTF_8));
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.errors()).isEmpty();
    MatchResult m = db(r).match("PyPI", "demo-pkg", "1.2.0");
    assertThat(m.matches()).hasSize(1);
  }

  @Test
  void truncatedZipIsAClearError() throws IOException {
    Path f = tmp.resolve("all.zip");
    zip(f, 3, RECORD.getBytes(StandardCharsets.UTF_8));
    byte[] b = Files.readAllBytes(f);
    Path cut = tmp.resolve("cut.zip");
    Files.write(cut, java.util.Arrays.copyOf(b, b.length - 30));
    assertThatThrownBy(() -> Feeds.read(cut)).isInstanceOf(IOException.class).hasMessageContaining("not a readable zip archive");
  }

  @Test
  void zipBombAndHugeEntryAreBounded() throws IOException {
    // one entry of 17 MiB of zeros inflates past the per-record bound: one error, the rest read on
    Path f = tmp.resolve("bomb.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
      z.putNextEntry(new ZipEntry("big.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 17; i++) z.write(zeros);
      z.closeEntry();
      z.putNextEntry(new ZipEntry("ok.json"));
      z.write(RECORD.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertThat(Files.size(f)).isLessThan(1 << 20);
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.errors()).singleElement().asString().contains("a record over 16 MiB");
    assertThat(r.advisories()).hasSize(1);
    // total inflation and entry count bounds, at small limits
    OsvImport.Collector c = new OsvImport.Collector();
    assertThatThrownBy(() -> c.zip(f, 10, 1 << 20)).hasMessageContaining("inflates past 1 MiB");
    Path many = tmp.resolve("many.zip");
    zip(many, 20, RECORD.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new OsvImport.Collector().zip(many, 10, 1 << 30)).hasMessageContaining("more than 10 entries");
  }

  @Test
  void listedVersionsInsideTheRangesAreDroppedAtImportWithoutChangingAVerdict() throws IOException {
    Path f = tmp.resolve("r.jsonl");
    Files.writeString(f, "{\"id\":\"PYSEC-1\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"pkg\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.1\"}]}],"
        + "\"versions\":[\"1.0\",\"1.0.1\",\"0.5\",\"not a version\"]}]}\n");
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.advisories().get(0).affected().get(0).versions()).containsExactly("0.5", "not a version");
    MemoryVulnDatabase db = db(r);
    for (String v : List.of("1.0", "1.0.0", "1.0.1", "0.5", "0.5.0", "not a version")) {
      assertThat(db.match("PyPI", "pkg", v).matches()).as(v).hasSize(1);
    }
    for (String v : List.of("0.6", "1.1")) {
      assertThat(db.match("PyPI", "pkg", v).matches()).as(v).isEmpty();
    }
  }

  static void write(OutputStream o, String s) throws IOException {
    o.write(s.getBytes(StandardCharsets.UTF_8));
  }
}
