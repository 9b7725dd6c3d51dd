package dev.bulwark.image.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The header blobs of an rpm SQLite database, read as hostile input: the bytes are handed to
 * SQLite in memory (sqlite3_deserialize), so no copy of the database is ever written to disk and
 * nothing is left behind when the process is killed. The write-ahead log is replayed here (its
 * committed frames, checked as SQLite checks them, laid over the database's pages), since an
 * in-memory database has no log of its own. The query is bounded: {@code Packages} must be a
 * table (a view may recurse forever), the connection is query-only with temporary storage in
 * memory, and a progress handler stops it at a deadline; rows and bytes are capped.
 */
final class RpmSqlite {
  private RpmSqlite() {}

  static final long DEADLINE_NANOS = 10_000_000_000L;
  static final int MAX_ROWS = 200_000;
  static final long MAX_BLOB_BYTES = 256L << 20;
  private static final int WAL_HEADER = 32;
  private static final int FRAME_HEADER = 24;

  /** Every {@code blob} of {@code Packages}, in {@code hnum} order. */
  static List<byte[]> blobs(byte[] database, byte[] wal) throws RpmDatabase.UnreadableException {
    return blobs(database, wal, DEADLINE_NANOS);
  }

  static List<byte[]> blobs(byte[] database, byte[] wal, long deadlineNanos) throws RpmDatabase.UnreadableException {
    byte[] image = wal == null ? database.clone() : replay(database, wal);
    if (image.length >= 20) {
      image[18] = 1; // read and write versions: 2 (WAL) is refused by an in-memory database; the log is applied above
      image[19] = 1;
    }
    NativeLibrary.load();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      ((SQLiteConnection) c).deserialize("main", image);
      SQLiteConnection sc = (SQLiteConnection) c;
      sc.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, 64 << 20);
      sc.setLimit(SQLiteLimits.SQLITE_LIMIT_EXPR_DEPTH, 100);
      try (Statement s = c.createStatement()) {
        // no schema-defined functions with side effects, no writes, sorting in memory (no temp files), corruption checked
        s.execute("PRAGMA trusted_schema=OFF");
        s.execute("PRAGMA temp_store=MEMORY");
        s.execute("PRAGMA cell_size_check=ON");
        s.execute("PRAGMA query_only=ON");
      }
      long deadline = System.nanoTime() + deadlineNanos;
      boolean[] timedOut = {false};
      ProgressHandler.setHandler(c, 10_000, new ProgressHandler() {
        @Override
        protected int progress() {
          timedOut[0] = System.nanoTime() > deadline;
          return timedOut[0] ? 1 : 0;
        }
      });
      try {
        requireTable(c);
        return rows(c);
      } catch (SQLException e) {
        if (timedOut[0]) {
          throw new RpmDatabase.UnreadableException("SQLite: the query ran past its time limit (" + deadlineNanos / 1_000_000 + " ms)", e);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new RpmDatabase.UnreadableException("SQLite: " + e.getMessage(), e);
    }
  }

  /** rpm creates {@code Packages} as a table; anything else (a view, above all) is not its database. */
  private static void requireTable(Connection c) throws SQLException, RpmDatabase.UnreadableException {
    try (PreparedStatement p = c.prepareStatement("SELECT type FROM sqlite_schema WHERE name = 'Packages' COLLATE NOCASE")) {
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new RpmDatabase.UnreadableException("SQLite: no Packages table", null);
        }
        if (!"table".equals(rs.getString(1))) {
          throw new RpmDatabase.UnreadableException("SQLite: Packages is a " + rs.getString(1) + ", not a table", null);
        }
      }
    }
  }

  private static List<byte[]> rows(Connection c) throws SQLException, RpmDatabase.UnreadableException {
    List<byte[]> blobs = new ArrayList<>();
    long bytes = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
      while (rs.next()) {
        byte[] b = rs.getBytes(1);
        if (b == null) {
          continue;
        }
        bytes += b.length;
        if (blobs.size() >= MAX_ROWS || bytes > MAX_BLOB_BYTES) {
          throw new RpmDatabase.UnreadableException("SQLite: more than " + MAX_ROWS + " packages or " + (MAX_BLOB_BYTES >> 20)
              + " MiB of headers", null);
        }
        blobs.add(b);
      }
    }
    return blobs;
  }

  /**
   * The database as SQLite would see it with its log: the valid frames (salts matching the
   * header, cumulative checksums intact) up to the last commit, each page's latest copy laid over
   * the file, truncated or extended to the committed size. A log whose header is not valid is
   * ignored, as SQLite ignores it.
   */
  static byte[] replay(byte[] database, byte[] wal) throws RpmDatabase.UnreadableException {
    if (wal.length < WAL_HEADER) {
      return database.clone();
    }
    ByteBuffer w = ByteBuffer.wrap(wal); // the log's integers are big-endian whatever its checksum order
    int magic = w.getInt(0);
    if ((magic & ~1) != 0x377f0682 || w.getInt(4) != 3007000) {
      return database.clone();
    }
    boolean bigEndian = (magic & 1) == 1;
    int pageSize = w.getInt(8);
    if (Integer.bitCount(pageSize) != 1 || pageSize < 512 || pageSize > 65536) {
      return database.clone();
    }
    int[] sum = checksum(wal, 0, 24, 0, 0, bigEndian);
    if (sum[0] != w.getInt(24) || sum[1] != w.getInt(28)) {
      return database.clone();
    }
    int salt1 = w.getInt(16);
    int salt2 = w.getInt(20);
    int frameSize = FRAME_HEADER + pageSize;
    int committedFrames = 0;
    long committedPages = 0;
    for (int f = 0; WAL_HEADER + (long) (f + 1) * frameSize <= wal.length; f++) {
      int at = WAL_HEADER + f * frameSize;
      if (w.getInt(at + 8) != salt1 || w.getInt(at + 12) != salt2 || w.getInt(at) == 0) {
        break;
      }
      sum = checksum(wal, at, 8, sum[0], sum[1], bigEndian);
      sum = checksum(wal, at + FRAME_HEADER, pageSize, sum[0], sum[1], bigEndian);
      if (sum[0] != w.getInt(at + 16) || sum[1] != w.getInt(at + 20)) {
        break;
      }
      long dbPages = Integer.toUnsignedLong(w.getInt(at + 4));
      if (dbPages != 0) {
        committedFrames = f + 1;
        committedPages = dbPages;
      }
    }
    if (committedFrames == 0) {
      return database.clone();
    }
    if (database.length >= 100 && pageSizeOf(database) != pageSize) {
      throw new RpmDatabase.UnreadableException("SQLite: the write-ahead log's page size differs from the database's", null);
    }
    if (committedPages * pageSize > (long) Integer.MAX_VALUE - 8 || committedPages * pageSize > 4L * (database.length + wal.length)) {
      throw new RpmDatabase.UnreadableException("SQLite: the write-ahead log claims a database of " + committedPages + " pages", null);
    }
    byte[] out = Arrays.copyOf(database, (int) (committedPages * pageSize));
    for (int f = 0; f < committedFrames; f++) {
      int at = WAL_HEADER + f * frameSize;
      long page = Integer.toUnsignedLong(w.getInt(at));
      if (page <= committedPages) {
        System.arraycopy(wal, at + FRAME_HEADER, out, (int) ((page - 1) * pageSize), pageSize);
      }
    }
    return out;
  }

  private static int pageSizeOf(byte[] database) {
    int v = ((database[16] & 0xff) << 8) | (database[17] & 0xff);
    return v == 1 ? 65536 : v;
  }

  /** SQLite's WAL checksum: pairs of 32-bit words summed into two running totals. */
  private static int[] checksum(byte[] b, int off, int len, int s0, int s1, boolean bigEndian) {
    ByteBuffer buf = ByteBuffer.wrap(b, off, len).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = off; i + 8 <= off + len; i += 8) {
      s0 += buf.getInt(i) + s1;
      s1 += buf.getInt(i + 4) + s0;
    }
    return new int[] {s0, s1};
  }

  /**
   * The driver's native library is unpacked into a private directory that is removed as soon as
   * it is loaded (Linux keeps a loaded library mapped), and by a shutdown hook should a signal
   * arrive in between: no {@code sqlite-*} file is left in the temporary directory.
   */
  static final class NativeLibrary {
    private static boolean loaded;
    /** Held while loading; a shutdown hook waits for it (bounded), so it never deletes while the driver still unpacks. */
    private static final java.util.concurrent.locks.ReentrantLock LOADING = new java.util.concurrent.locks.ReentrantLock();

    private NativeLibrary() {}

    static void load() throws RpmDatabase.UnreadableException {
      LOADING.lock();
      try {
        loadLocked();
      } finally {
        LOADING.unlock();
      }
    }

    private static void loadLocked() throws RpmDatabase.UnreadableException {
      if (loaded) {
        return;
      }
      Path dir = null;
      Thread cleanup = null;
      try {
        if (System.getProperty("org.sqlite.tmpdir") == null) {
          // the hook is registered before the directory exists: a signal at any moment after finds it
          java.util.concurrent.atomic.AtomicReference<Path> made = new java.util.concurrent.atomic.AtomicReference<>();
          cleanup = new Thread(() -> {
            try {
              if (LOADING.tryLock(2, java.util.concurrent.TimeUnit.SECONDS)) {
                LOADING.unlock(); // loading ended (and removed the directory itself) or never ran
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            Path d = made.get();
            if (d != null) {
              deleteTree(d);
            }
          }, "bulwark-sqlite-cleanup");
          Runtime.getRuntime().addShutdownHook(cleanup);
          dir = Files.createTempDirectory("bulwark-sqlite");
          made.set(dir);
          System.setProperty("org.sqlite.tmpdir", dir.toString());
        }
        org.sqlite.SQLiteJDBCLoader.initialize();
        loaded = true;
      } catch (Exception e) {
        throw new RpmDatabase.UnreadableException("the SQLite engine could not be loaded: " + e.getMessage(), e);
      } finally {
        if (dir != null) {
          deleteTree(dir);
          System.clearProperty("org.sqlite.tmpdir");
        }
        if (cleanup != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the directory goes either way
          }
        }
      }
    }

    private static void deleteTree(Path dir) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException ignored) {
        // best effort: the directory is private and named as ours
      }
    }
  }
}
