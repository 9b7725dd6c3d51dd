package dev.bulwark.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.OsvParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbFileTest {
  @TempDir Path dir;

  private static MemoryVulnDatabase sample() throws Exception {
    Advisory a = OsvParser.parse("{\"id\":\"GHSA-xxxx\",\"aliases\":[\"CVE-2024-1\"],\"summary\":\"s\","
        + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"
        + "\"database_specific\":{\"severity\":\"CRITICAL\"},\"published\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"Pkg\",\"purl\":\"pkg:pypi/pkg\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":\"1.5\"},{\"introduced\":\"1.0\"},{\"limit\":\"*\"}]}],"
        + "\"versions\":[\"1.0\",\"1.1\"]}]}");
    return new MemoryVulnDatabase(Instant.parse("2026-12-01T10:00:00Z"), List.of("PyPI.jsonl"), List.of(a));
  }

  @Test
  void roundTripKeepsEverything() throws Exception {
    MemoryVulnDatabase db = sample();
    Path file = dir.resolve("sub/" + DbFile.NAME);
    DbFile.save(db, file);
    MemoryVulnDatabase loaded = DbFile.load(file);
    assertThat(loaded.advisories()).isEqualTo(db.advisories());
    assertThat(loaded.info()).isEqualTo(db.info());
    assertThat(loaded.match("PyPI", "pkg", "1.2").matches()).singleElement()
        .satisfies(m -> assertThat(m.fixed()).isEqualTo("1.5"));
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly(DbFile.NAME);
    }
  }

  @Test
  void aTruncatedFileIsAClearError() throws Exception {
    Path file = dir.resolve(DbFile.NAME);
    DbFile.save(sample(), file);
    byte[] bytes = Files.readAllBytes(file);
    for (int cut : new int[] {0, 5, bytes.length / 2, bytes.length - 4}) {
      Files.write(file, Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> DbFile.load(file)).as("cut at %d", cut).isInstanceOf(VulnDbException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("corrupt").hasMessageNotContaining("Exception");
    }
  }

  @Test
  void aCorruptFileIsAClearError() throws Exception {
    Path file = dir.resolve(DbFile.NAME);
    DbFile.save(sample(), file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a; // gzip's CRC or inflate catches it
    Files.write(file, bytes);
    assertThatThrownBy(() -> DbFile.load(file)).isInstanceOf(VulnDbException.class).hasMessageContaining("corrupt");
    Files.writeString(file, "not gzip at all");
    assertThatThrownBy(() -> DbFile.load(file)).isInstanceOf(VulnDbException.class).hasMessageContaining("corrupt");
  }

  @Test
  void otherJsonAndOtherVersionsAreRefused() throws Exception {
    Path file = dir.resolve(DbFile.NAME);
    gzip(file, "{\"format\":\"something-else\",\"version\":1}");
    assertThatThrownBy(() -> DbFile.load(file)).hasMessageContaining("is not a bulwark-vulndb file");
    gzip(file, "{\"format\":\"bulwark-vulndb\",\"version\":99,\"built\":\"2026-01-01T00:00:00Z\",\"sources\":[],\"advisories\":[]}");
    assertThatThrownBy(() -> DbFile.load(file)).hasMessageContaining("format version 99");
    gzip(file, "{\"format\":\"bulwark-vulndb\",\"version\":1,\"built\":\"yesterday\",\"sources\":[],\"advisories\":[]}");
    assertThatThrownBy(() -> DbFile.load(file)).isInstanceOf(VulnDbException.class).hasMessageContaining("corrupt");
    gzip(file, "[1,2,3]");
    assertThatThrownBy(() -> DbFile.load(file)).isInstanceOf(VulnDbException.class).hasMessageContaining("corrupt");
  }

  @Test
  void aFileThatExpandsPastTheBoundIsRefusedInWords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // a gzip bomb: kilobytes on disk, far more once inflated; the bound is lowered here, 1 GiB in use
    Path bomb = dir.resolve("vulndb.json.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
      out.write("{\"format\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 16];
      java.util.Arrays.fill(spaces, (byte) 'a');
      for (int i = 0; i < 64; i++) {
        out.write(spaces);
      }
    }
    assertThatThrownBy(() -> DbFile.load(bomb, 1 << 20)).isInstanceOf(VulnDbException.class)
        .hasMessage("vulnerability database " + bomb + " is corrupt or truncated: it expands past 1 MiB");
  }

  @Test
  void aMissingFileSaysHowToMakeOne() {
    assertThatThrownBy(() -> DbFile.load(dir.resolve("none.json.gz"))).isInstanceOf(VulnDbException.class)
        .hasMessageContaining("no vulnerability database at").hasMessageContaining("bulwark db import");
  }

  @Test
  void aFailedSaveLeavesTheOldFile() throws Exception {
    Path file = dir.resolve(DbFile.NAME);
    DbFile.save(sample(), file);
    byte[] before = Files.readAllBytes(file);
    Advisory broken = new Advisory("B-1", List.of(), null, List.of(), null, null, null, null, List.of());
    // a database whose info cannot be written: a null build time makes save fail before anything is moved
    MemoryVulnDatabase bad = new MemoryVulnDatabase(null, List.of(), List.of(broken));
    assertThatThrownBy(() -> DbFile.save(bad, file)).isInstanceOf(NullPointerException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.count()).as("temporary file removed").isEqualTo(1);
    }
  }

  private static void gzip(Path file, String json) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(b)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, b.toByteArray());
  }
}
