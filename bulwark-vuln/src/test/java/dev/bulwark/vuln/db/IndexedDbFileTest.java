package dev.bulwark.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.vuln.feed.Feeds;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.OsvParser;
import dev.bulwark.vuln.osv.Range;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedDbFileTest {
  @TempDir Path dir;

  /** Two entries for the package: introduced..fixed, and from {@code again} on. */
  private static Advisory record(String id, String ecosystem, String name, String introduced, String fixed, String again) throws Exception {
    return OsvParser.parse("{\"id\":\"" + id + "\",\"summary\":\"s\",\"affected\":[{\"package\":{\"ecosystem\":\""
        + ecosystem + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\""
        + introduced + "\"},{\"fixed\":\"" + fixed + "\"}]}]},{\"package\":{\"ecosystem\":\"" + ecosystem
        + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"" + again + "\"}]}]}]}");
  }

  private static MemoryVulnDatabase sample() throws Exception {
    return new MemoryVulnDatabase(Instant.parse("2026-12-01T10:00:00Z"), List.of("a.jsonl"), List.of(
        record("PYSEC-1", "PyPI", "Flask_Cors", "1.0", "1.5", "9.0"),
        record("GHSA-2", "npm", "left-pad", "0", "1.3.0", "9.0.0"),
        record("ALPINE-3", "Alpine:v3.20", "openssl", "0", "3.1.4-r1", "9.0-r0"),
        record("PYSEC-4", "PyPI", "flask-cors", "0", "2.0", "9.0")));
  }

  @Test
  void matchesAsTheMemoryDatabaseAndKeepsTheInfo() throws Exception {
    MemoryVulnDatabase db = sample();
    Path file = dir.resolve("sub/" + IndexedDbFile.NAME);
    IndexedDbFile.save(db, file);
    VulnDatabase opened = DbFile.open(file);
    assertThat(opened).isInstanceOf(IndexedVulnDatabase.class);
    assertThat(opened.info()).isEqualTo(db.info());
    String[][] queries = {{"pypi", "flask.cors", "1.2"}, {"PyPI", "FLASK-CORS", "9.1"}, {"npm", "left-pad", "1.2.9"},
        {"npm", "left-pad", "1.3.0"}, {"Alpine:3.20", "openssl", "3.1.4-r0"}, {"Alpine:v3.19", "openssl", "1"},
        {"npm", "", "1"}, {"PyPI", "flask-cors", "not a version"}, {"zzz", "zzz", "1"}};
    for (String[] q : queries) assertThat(opened.match(q[0], q[1], q[2])).as(String.join(" ", q)).isEqualTo(db.match(q[0], q[1], q[2]));
    assertThat(opened.match("PyPI", "flask-cors", "9.1").matches()).extracting(m -> m.advisory().id()).containsExactly("PYSEC-1", "PYSEC-4");
    assertThat(DbFile.loadAll(file).advisories()).isEqualTo(db.advisories());
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly(IndexedDbFile.NAME);
    }
  }

  @Test
  void goImportListsSurviveTheFile() throws Exception {
    Advisory go = OsvParser.parse("{\"id\":\"GO-2099-0001\",\"affected\":[{\"package\":{\"ecosystem\":\"Go\",\"name\":\"stdlib\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.21.1\"}]}],"
        + "\"ecosystem_specific\":{\"imports\":[{\"path\":\"net/http\",\"symbols\":[\"Server.Serve\",\"ListenAndServe\"]},"
        + "{\"path\":\"os\",\"goos\":[\"windows\"]}]}}]}");
    assertThat(go.affected().get(0).imports()).containsExactly(
        new Affected.Import("net/http", List.of("Server.Serve", "ListenAndServe"), List.of(), List.of()),
        new Affected.Import("os", List.of(), List.of("windows"), List.of()));
    Path file = dir.resolve(IndexedDbFile.NAME);
    IndexedDbFile.save(new MemoryVulnDatabase(Instant.parse("2026-12-01T10:00:00Z"), List.of("Go.jsonl"), List.of(go)), file);
    assertThat(DbFile.open(file).match("Go", "stdlib", "1.20.0").matches()).singleElement()
        .satisfies(m -> assertThat(m.affected().imports()).isEqualTo(go.affected().get(0).imports()));
  }

  @Test
  void anImportWithoutPathIsAFormatError() {
    assertThatThrownBy(() -> OsvParser.parse("{\"id\":\"GO-2099-0002\",\"affected\":[{\"package\":{\"ecosystem\":\"Go\",\"name\":\"m\"},"
        + "\"ecosystem_specific\":{\"imports\":[{\"symbols\":[\"F\"]}]}}]}"))
        .isInstanceOf(dev.bulwark.vuln.osv.OsvFormatException.class).hasMessageContaining("no path");
  }

  @Test
  void anEmptyDatabaseOpens() throws Exception {
    Path file = dir.resolve(IndexedDbFile.NAME);
    IndexedDbFile.save(new MemoryVulnDatabase(Instant.EPOCH, List.of(), List.of()), file);
    assertThat(DbFile.open(file).match("npm", "x", "1").matches()).isEmpty();
    assertThat(DbFile.open(file).info().advisories()).isZero();
  }

  @Test
  void theEarlierGzipJsonFileIsStillRead() throws Exception {
    Path legacy = dir.resolve(DbFile.NAME);
    DbFile.save(sample(), legacy);
    assertThat(DbFile.locate(dir)).isEqualTo(legacy);
    assertThat(DbFile.open(legacy).match("npm", "left-pad", "1.0.0").matches()).hasSize(1);
    IndexedDbFile.save(sample(), dir.resolve(IndexedDbFile.NAME));
    assertThat(DbFile.locate(dir)).as("the indexed file wins").isEqualTo(dir.resolve(IndexedDbFile.NAME));
    assertThat(DbFile.locate(dir.resolve("none"))).isEqualTo(dir.resolve("none").resolve(IndexedDbFile.NAME));
  }

  @Test
  void everyTruncationIsOneError() throws Exception {
    byte[] bytes = IndexedDbFile.encode(sample());
    Path file = dir.resolve(IndexedDbFile.NAME);
    for (int cut = 0; cut < bytes.length; cut++) {
      Files.write(file, java.util.Arrays.copyOf(bytes, cut));
      int n = cut;
      assertThatThrownBy(() -> DbFile.open(file)).as("cut at %d", n).isInstanceOf(VulnDbException.class)
          .hasMessageContaining(file.toString()).hasMessageMatching("(?s).*(corrupt|not a bulwark-vulndb).*");
    }
  }

  @Test
  void everyFlippedBitIsOneError() throws Exception {
    byte[] bytes = IndexedDbFile.encode(sample());
    Path file = dir.resolve(IndexedDbFile.NAME);
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      Files.write(file, bad);
      int n = i;
      assertThatThrownBy(() -> DbFile.open(file)).as("bit flipped in byte %d", n).isInstanceOf(VulnDbException.class)
          .hasMessageMatching("(?s).*(corrupt|not a bulwark-vulndb|format version).*");
    }
  }

  /** A file with a valid checksum but a bad structure (made by hand, not by a disk): still one error, no out-of-bounds read. */
  @Test
  void aWellSummedButDamagedIndexIsOneError() throws Exception {
    byte[] bytes = IndexedDbFile.encode(sample());
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int index = IndexedDbFile.PREAMBLE + b.getInt(16) + 4;
    int packages = b.getInt(index - 4);
    int table = index + packages * IndexedDbFile.ENTRY + 4;
    Map<String, int[]> damages = new LinkedHashMap<>();
    damages.put("a key past the end", new int[] {index + 4, 1 << 30});
    damages.put("a negative key offset", new int[] {index, -8});
    damages.put("a list past the end", new int[] {index + 12, 1 << 28});
    damages.put("an empty list", new int[] {index + 12, 0});
    damages.put("a blob past the end", new int[] {table + 4, bytes.length});
    damages.put("a package count past the end", new int[] {index - 4, Integer.MAX_VALUE});
    damages.put("a header length past the end", new int[] {16, bytes.length});
    damages.put("keys out of order", new int[] {index + IndexedDbFile.ENTRY, b.getInt(index)});
    int list = b.getInt(index + 8);
    damages.put("an advisory index out of range", new int[] {list, 99});
    Path file = dir.resolve(IndexedDbFile.NAME);
    for (Map.Entry<String, int[]> d : damages.entrySet()) {
      byte[] bad = bytes.clone();
      ByteBuffer.wrap(bad).putInt(d.getValue()[0], d.getValue()[1]);
      Files.write(file, resum(bad));
      assertThatThrownBy(() -> DbFile.open(file)).as(d.getKey()).isInstanceOf(VulnDbException.class).hasMessageContaining("is corrupt");
    }
    byte[] bad = bytes.clone();
    ByteBuffer.wrap(bad).putInt(list + 4, 7); // the sample's records have two affected entries
    Files.write(file, resum(bad));
    VulnDatabase db = DbFile.open(file);
    String[] q = keyOfFirstPackage();
    assertThatThrownBy(() -> db.match(q[0], q[1], "1.0")).isInstanceOf(java.io.UncheckedIOException.class)
        .hasRootCauseInstanceOf(VulnDbException.class).rootCause().hasMessageContaining("is corrupt");
  }

  /** The first key in byte order of {@link #sample()}: "alpine:v3.20" sorts before "npm" and "pypi". */
  private static String[] keyOfFirstPackage() {
    return new String[] {"Alpine:v3.20", "openssl"};
  }

  private static byte[] resum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 16, bytes.length - 16);
    ByteBuffer.wrap(bytes).putInt(12, (int) crc.getValue());
    return bytes;
  }

  @Test
  void anotherVersionIsNamed() throws Exception {
    byte[] bytes = IndexedDbFile.encode(sample());
    ByteBuffer.wrap(bytes).putInt(8, 99);
    Path file = dir.resolve(IndexedDbFile.NAME);
    Files.write(file, bytes);
    assertThatThrownBy(() -> DbFile.open(file)).hasMessageContaining("format version 99");
  }

  /** Every feed of the shared data and the test fixtures: the same matches, in the same order, as in memory. */
  @Test
  void theSharedDataMatchesExactlyAsInMemory() throws Exception {
    Path data = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data").normalize();
    assumeTrue(Files.isDirectory(data.resolve("osv")), "no shared data at " + data + "; skipped");
    List<Advisory> all = new ArrayList<>();
    for (String feed : List.of("osv", "distro/alpine", "distro/debian/security-tracker", "distro/chainguard", "distro/wolfi")) {
      if (Files.isDirectory(data.resolve(feed))) all.addAll(Feeds.read(data.resolve(feed)).advisories());
    }
    Path fixtures = Path.of("src/test/resources/feeds");
    if (Files.isDirectory(fixtures)) all.addAll(Feeds.read(fixtures).advisories());
    MemoryVulnDatabase memory = new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), List.of("shared"), all);
    Path file = dir.resolve(IndexedDbFile.NAME);
    IndexedDbFile.save(memory, file);
    VulnDatabase indexed = DbFile.open(file);
    assertThat(indexed.info()).isEqualTo(memory.info());

    // per package: the versions its events and lists name (a few), one below everything, and an unparseable one
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    Map<String, String[]> packages = new LinkedHashMap<>();
    for (Advisory a : memory.advisories()) {
      for (Affected af : a.affected()) {
        String key = PackageKeys.key(af.ecosystem(), af.name());
        packages.putIfAbsent(key, new String[] {af.ecosystem(), af.name()});
        Set<String> vs = versions.computeIfAbsent(key, k -> new LinkedHashSet<>(List.of("0.0.1", "not-a-version")));
        for (Range r : af.ranges()) {
          for (Range.Event e : r.events()) {
            if (vs.size() < 8) vs.add(e.version());
          }
        }
        if (!af.versions().isEmpty() && vs.size() < 9) vs.add(af.versions().get(0));
      }
    }
    int queries = 0;
    int matched = 0;
    for (Map.Entry<String, String[]> p : packages.entrySet()) {
      String[] pkg = p.getValue();
      for (String v : versions.get(p.getKey())) {
        MatchResult expected = memory.match(pkg[0], pkg[1], v);
        assertThat(indexed.match(pkg[0], pkg[1], v)).as("%s %s %s", pkg[0], pkg[1], v).isEqualTo(expected);
        queries++;
        matched += expected.matches().size();
      }
      assertThat(indexed.match(pkg[0], pkg[1] + "-not-there", "1.0")).isEqualTo(MatchResult.NONE);
    }
    assertThat(matched).as("the queries do match something").isGreaterThan(1000);
    System.out.printf("indexed = memory: %d advisories, %d packages, %d queries, %d matches, file %d bytes%n",
        memory.advisories().size(), packages.size(), queries, matched, Files.size(file));
  }
}
