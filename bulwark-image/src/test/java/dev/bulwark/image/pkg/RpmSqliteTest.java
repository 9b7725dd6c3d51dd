package dev.bulwark.image.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpm SQLite databases built to hang or flood the reader, and the write-ahead log replayed without SQLite's files. */
class RpmSqliteTest {
  @TempDir Path tmp;

  private static final String RPM_SCHEMA = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)";

  private Path db(String... statements) throws Exception {
    Path db = Files.createTempFile(tmp, "rpmdb", ".sqlite");
    Files.delete(db);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    return db;
  }

  @Test
  void recursiveView_isRefusedAtOnce() throws Exception {
    Path db = db("CREATE VIEW Packages AS WITH RECURSIVE r(hnum, blob) AS (SELECT 1, x'00' UNION ALL SELECT hnum + 1, blob FROM r) "
        + "SELECT hnum, blob FROM r");
    byte[] bytes = Files.readAllBytes(db);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> RpmSqlite.blobs(bytes, null))
        .isInstanceOf(RpmDatabase.UnreadableException.class).hasMessage("SQLite: Packages is a view, not a table"));
  }

  @Test
  void slowQuery_isStoppedAtTheDeadline() throws Exception {
    Path db = db(RPM_SCHEMA, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50000) "
        + "INSERT INTO Packages (blob) SELECT randomblob(16) FROM r");
    byte[] bytes = Files.readAllBytes(db);
    assertThat(RpmSqlite.blobs(bytes, null)).hasSize(50_000);
    assertThatThrownBy(() -> RpmSqlite.blobs(bytes, null, 1)).hasMessageContaining("ran past its time limit");
  }

  @Test
  void tooManyRows_areRefused() throws Exception {
    Path db = db(RPM_SCHEMA, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < " + (RpmSqlite.MAX_ROWS + 1) + ") "
        + "INSERT INTO Packages (blob) SELECT x'00' FROM r");
    assertThatThrownBy(() -> RpmSqlite.blobs(Files.readAllBytes(db), null)).hasMessageContaining("more than " + RpmSqlite.MAX_ROWS);
  }

  @Test
  void noPackagesTable_andNotADatabase_areUnreadable() throws Exception {
    assertThatThrownBy(() -> RpmSqlite.blobs(Files.readAllBytes(db("CREATE TABLE other (x)")), null)).hasMessage("SQLite: no Packages table");
    byte[] junk = "SQLite format 3\0 but nothing after".repeat(40).getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> RpmSqlite.blobs(junk, null)).isInstanceOf(RpmDatabase.UnreadableException.class);
  }

  @Test
  void writeAheadLog_committedFramesAreReplayed_aTornTailIsNot() throws Exception {
    Path db = db(RPM_SCHEMA, "INSERT INTO Packages (blob) VALUES (x'01')");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA wal_autocheckpoint=0");
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
        for (int i = 2; i <= 4; i++) {
          ins.setBytes(1, new byte[] {(byte) i});
          ins.executeUpdate(); // one transaction each: one commit frame each
        }
      }
      byte[] main = Files.readAllBytes(db);
      byte[] wal = Files.readAllBytes(Path.of(db + "-wal"));
      assertThat(blobValues(RpmSqlite.blobs(main, null))).containsExactly(1);
      assertThat(blobValues(RpmSqlite.blobs(main, wal))).containsExactly(1, 2, 3, 4);
      // the last transaction torn off mid-frame: the log stops at the commit before it
      int pageSize = java.nio.ByteBuffer.wrap(wal).getInt(8);
      byte[] torn = Arrays.copyOf(wal, wal.length - pageSize / 2);
      assertThat(blobValues(RpmSqlite.blobs(main, torn))).containsExactly(1, 2, 3);
      byte[] badHeader = wal.clone();
      badHeader[26] ^= 1; // header checksum: SQLite ignores such a log
      assertThat(blobValues(RpmSqlite.blobs(main, badHeader))).containsExactly(1);
    }
  }

  @Test
  void nothingIsWrittenToTheTemporaryDirectory() throws Exception {
    byte[] bytes = Files.readAllBytes(db(RPM_SCHEMA, "INSERT INTO Packages (blob) VALUES (x'01')"));
    Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
    List<String> before;
    try (var l = Files.list(tmpdir)) {
      before = l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bulwark-") || n.startsWith("sqlite-")).sorted().toList();
    }
    RpmSqlite.blobs(bytes, null);
    try (var l = Files.list(tmpdir)) {
      assertThat(l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bulwark-") || n.startsWith("sqlite-")).sorted().toList())
          .isEqualTo(before);
    }
  }

  private static List<Integer> blobValues(List<byte[]> blobs) {
    return blobs.stream().map(b -> (int) b[0]).toList();
  }
}
