package dev.bulwark.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.DbInfo;
import dev.bulwark.vuln.db.Match;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real records from the shared samples, imported all together: for five advisories (one per ecosystem), the first
 * fixed version is not matched by it and a version just below is; and the whole database survives a save and load.
 */
class SampleSpotCheckTest {
  private static MemoryVulnDatabase db;

  @BeforeAll
  static void importAll() throws IOException {
    List<Advisory> all = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path f : OsvSamplesImportTest.sampleFiles()) {
      all.addAll(OsvImport.read(f).advisories());
      sources.add(f.getFileName().toString());
    }
    db = new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), sources, all);
  }

  private static List<String> ids(String ecosystem, String name, String version) {
    return db.match(ecosystem, name, version).matches().stream().map(m -> m.advisory().id()).toList();
  }

  @Test
  void firstFixedVersionIsNotMatchedAndTheOneBelowIs() {
    String[][] cases = {
        // ecosystem, name as a user might write it, id, just below the fix, the fix
        {"PyPI", "BuildBot", "PYSEC-2009-1", "0.7.11", "0.7.12"},
        {"Go", "stdlib", "GO-2021-0067", "v1.16.0", "v1.16.1"},
        {"crates.io", "hyper", "RUSTSEC-2016-0002", "0.9.3", "0.9.4"},
        {"Maven", "junit:junit", "GHSA-269g-pwp5-87pp", "4.13", "4.13.1"},
        {"Maven", "com.fasterxml.jackson.core:jackson-databind", "GHSA-27xj-rqx5-2255", "2.9.10.3", "2.9.10.4"},
    };
    for (String[] c : cases) {
      assertThat(ids(c[0], c[1], c[3])).as("%s %s %s", c[2], c[1], c[3]).contains(c[2]);
      assertThat(ids(c[0], c[1], c[4])).as("%s %s %s", c[2], c[1], c[4]).doesNotContain(c[2]);
    }
    Match m = db.match("PyPI", "buildbot", "0.7.11").matches().stream()
        .filter(x -> x.advisory().id().equals("PYSEC-2009-1")).findFirst().orElseThrow();
    assertThat(m.fixed()).isEqualTo("0.7.12");
  }

  @Test
  void theSampleDatabaseSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(DbFile.NAME);
    long t0 = System.nanoTime();
    DbFile.save(db, file);
    long t1 = System.nanoTime();
    MemoryVulnDatabase loaded = DbFile.load(file);
    long t2 = System.nanoTime();
    DbInfo info = loaded.info();
    System.out.printf("sample database: %d advisories, %d bytes, save %d ms, load %d ms; per ecosystem %s%n",
        info.advisories(), Files.size(file), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, info.perEcosystem());
    assertThat(info).isEqualTo(db.info());
    assertThat(loaded.advisories()).isEqualTo(db.advisories());
    assertThat(ids("Go", "stdlib", "v1.16.0")).isEqualTo(loaded.match("Go", "stdlib", "v1.16.0").matches().stream()
        .map(x -> x.advisory().id()).toList());
  }
}
