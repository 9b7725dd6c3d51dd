package dev.bulwark.image.pkg;

import java.util.ArrayList;
import java.util.List;

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
      case SQLITE -> RpmSqlite.blobs(database, wal);
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
}
