package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.IndexedDbFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark db import} and {@code bulwark db info} on small OSV files of our own. */
class DbCliTest {
  @TempDir Path dir;

  private static String record(String id, String ecosystem, String name, String fixed) {
    return "{\"id\":\"" + id + "\",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name
        + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}";
  }

  @Test
  void importThenInfo() throws Exception {
    Path pypi = Files.writeString(dir.resolve("PyPI.jsonl"), record("PYSEC-1", "PyPI", "django", "4.2.1") + "\n"
        + "{\"id\":\"PYSEC-2\",\"withdrawn\":\"2024-01-01T00:00:00Z\"}\n"
        + record("PYSEC-3", "PyPI", "flask", "2019-09-12") + "\n");
    Path db = dir.resolve("db");
    CliTest.Run imported = CliTest.run("db", "import", "--db", db.toString(), pypi.toString());
    assertThat(imported.exit()).isZero();
    assertThat(imported.out()).contains("1 records imported, 1 withdrawn skipped, 1 bad skipped", "1 advisories");
    assertThat(imported.err()).contains("bulwark: warning: skipped a bad record: ", "PyPI.jsonl:3: PYSEC-3: flask: fixed version '2019-09-12'");

    Path go = Files.writeString(dir.resolve("go.json"), record("GO-1", "Go", "golang.org/x/net", "0.17.0"));
    CliTest.Run more = CliTest.run("db", "import", "--db", db.toString(), go.toString());
    assertThat(more.out()).as("added to the existing database").contains("database " + db.resolve(IndexedDbFile.NAME) + ": 2 advisories");

    CliTest.Run info = CliTest.run("db", "info", "--db", db.toString());
    assertThat(info.exit()).isZero();
    assertThat(info.out()).contains("advisories: 2", "0 minutes ago", pypi.toAbsolutePath().toString(), go.toAbsolutePath().toString())
        .containsPattern("Go +1").containsPattern("PyPI +1");

    CliTest.Run replaced = CliTest.run("db", "import", "--replace", "--db", db.toString(), go.toString());
    assertThat(replaced.out()).contains(": 1 advisories");
  }

  /** A database of the earlier gzip JSON format is read, and the next import rewrites it in the indexed one. */
  @Test
  void anEarlierGzipJsonDatabaseIsReadAndMigratedOnImport() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    Path first = Files.writeString(dir.resolve("a.jsonl"), record("A-1", "npm", "x", "1.0.0"));
    assertThat(CliTest.run("db", "import", "--db", db.toString(), first.toString()).exit()).isZero();
    Path legacy = db.resolve(DbFile.NAME);
    DbFile.save(DbFile.loadAll(db.resolve(IndexedDbFile.NAME)), legacy);
    Files.delete(db.resolve(IndexedDbFile.NAME));
    CliTest.Run info = CliTest.run("db", "info", "--db", db.toString());
    assertThat(info.out()).contains("database:   " + legacy, "advisories: 1");
    Path second = Files.writeString(dir.resolve("b.jsonl"), record("B-1", "npm", "y", "1.0.0"));
    CliTest.Run more = CliTest.run("db", "import", "--db", db.toString(), second.toString());
    assertThat(more.out()).contains("database " + db.resolve(IndexedDbFile.NAME) + ": 2 advisories");
    assertThat(legacy).doesNotExist();
  }

  @Test
  void aTruncatedIndexedDatabaseIsAOneLineError() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    Path osv = Files.writeString(dir.resolve("a.jsonl"), record("A-1", "npm", "x", "1.0.0"));
    assertThat(CliTest.run("db", "import", "--db", db.toString(), osv.toString()).exit()).isZero();
    Path file = db.resolve(IndexedDbFile.NAME);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    CliTest.assertOneLineError(CliTest.run("db", "info", "--db", db.toString()), file.toString(), "corrupt");
  }

  @Test
  void manyBadRecordsAreSummarised() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 25; i++) lines.append("{\"id\":").append(i).append("}\n");
    Path other = Files.writeString(dir.resolve("other-format.jsonl"), lines);
    CliTest.Run r = CliTest.run("db", "import", "--db", dir.resolve("db").toString(), other.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err().lines()).hasSize(DbCommand.Import.MAX_WARNINGS + 1);
    assertThat(r.err()).contains("other-format.jsonl:1: not an OSV record", "… and 5 more bad records in ");
  }

  @Test
  void aCorruptDatabaseIsAOneLineErrorAndIsKept() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    Path file = Files.writeString(db.resolve(DbFile.NAME), "garbage");
    CliTest.assertOneLineError(CliTest.run("db", "info", "--db", db.toString()), file.toString(), "corrupt");
    Path osv = Files.writeString(dir.resolve("a.jsonl"), record("A-1", "npm", "x", "1.0.0"));
    CliTest.assertOneLineError(CliTest.run("db", "import", "--db", db.toString(), osv.toString()), "corrupt");
    assertThat(Files.readString(file)).isEqualTo("garbage");
    CliTest.assertOneLineError(CliTest.run("db", "info", "--db", dir.resolve("none").toString()), "no vulnerability database at");
  }

  @Test
  void theDefaultLocationFollowsXdg() {
    assertThat(DbCommand.location(null, Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u")).isEqualTo(Path.of("/x/cache/bulwark/db"));
    assertThat(DbCommand.location(null, Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/bulwark/db"));
    assertThat(DbCommand.location(null, Map.of("XDG_CACHE_HOME", "relative"), "/home/u")).as("relative is ignored, as XDG says")
        .isEqualTo(Path.of("/home/u/.cache/bulwark/db"));
    assertThat(DbCommand.location("/o", Map.of("XDG_CACHE_HOME", "/x"), "/home/u")).isEqualTo(Path.of("/o"));
  }
}
