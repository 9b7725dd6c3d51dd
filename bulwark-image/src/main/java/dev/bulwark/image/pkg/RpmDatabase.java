package dev.bulwark.image.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * The installed-package database of RPM distributions, in the two formats Bulwark reads: SQLite
 * ({@code rpmdb.sqlite}, rpm 4.16+) and Berkeley DB hash ({@code Packages}, older releases).
 * Both hold one header blob per installed package; NDB ({@code Packages.db}, SUSE) is not read.
 */
public final class RpmDatabase {
  private RpmDatabase() {}

  /** The storage formats rpm has used, each with its file name. */
  public enum Format {
    SQLITE("SQLite", "rpmdb.sqlite"), BERKELEY_DB("BerkeleyDB", "Packages"), NDB("NDB", "Packages.db");

    public final String label;
    public final String fileName;

    Format(String label, String fileName) {
      this.label = label;
      this.fileName = fileName;
    }
  }

  /** Where rpm keeps its database: the classic path, the /usr-merged one (Fedora 36+, SUSE) and /usr/share/rpm. */
  public static final List<String> DIRECTORIES = List.of("var/lib/rpm", "usr/lib/sysimage/rpm", "usr/share/rpm");

  /**
   * Database files worth capturing from an image: those of the formats read here, and the SQLite
   * write-ahead log, which belongs to its database.
   */
  public static boolean wanted(String path) {
    for (String dir : DIRECTORIES) {
      if (path.startsWith(dir + "/")) {
        String name = path.substring(dir.length() + 1);
        return name.equals(Format.SQLITE.fileName) || name.equals(Format.SQLITE.fileName + "-wal") || name.equals(Format.BERKELEY_DB.fileName);
      }
    }
    return false;
  }

  /** The database cannot be read: not that format, damaged, or refused by the engine. */
  public static final class UnreadableException extends Exception {
    UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The packages in a database. {@code wal} is the SQLite write-ahead log that sits beside it
   * (null when there is none): committed transactions may still live only there.
   */
  public static List<RpmHeader.Package> read(Format format, byte[] database, byte[] wal) throws UnreadableException {
    List<byte[]> blobs = switch (format) {
      case SQLITE -> sqliteBlobs(database, wal);
      case BERKELEY_DB -> {
        try {
          yield BerkeleyDbHash.values(database);
        } catch (BerkeleyDbHash.FormatException e) {
          throw new UnreadableException(e.getMessage(), e);
        }
      }
      case NDB -> throw new UnreadableException("the NDB format is not read yet", null);
    };
    List<RpmHeader.Package> out = new ArrayList<>();
    for (byte[] blob : blobs) {
      // Berkeley DB keeps a 4-byte record counter at key 0: not a header, skipped like any non-header
      RpmHeader.parse(blob).filter(p -> !p.name().equals("gpg-pubkey")).ifPresent(out::add);
    }
    return out;
  }

  /**
   * SQLite needs a file: the database (and its log) go to a private temporary directory that is
   * removed afterwards. The copy is opened read-write so SQLite can replay the log into it.
   */
  private static List<byte[]> sqliteBlobs(byte[] database, byte[] wal) throws UnreadableException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("bulwark-rpmdb");
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        // the driver unpacks its native library here rather than into a shared /tmp
        System.setProperty("org.sqlite.tmpdir", dir.toString());
      }
      Path db = dir.resolve("rpmdb.sqlite");
      Files.write(db, database);
      if (wal != null) {
        Files.write(dir.resolve("rpmdb.sqlite-wal"), wal);
      }
      List<byte[]> blobs = new ArrayList<>();
      try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
        while (rs.next()) {
          blobs.add(rs.getBytes(1));
        }
      }
      return blobs;
    } catch (SQLException e) {
      throw new UnreadableException("SQLite: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UnreadableException("cannot stage the database in a temporary directory: " + e.getMessage(), e);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort: the directory is private and named as ours
    }
  }
}
