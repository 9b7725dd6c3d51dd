package dev.bulwark.vuln.osv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads OSV records from files: {@code .jsonl} (one record a line, as the shared samples and osv.dev exports are),
 * {@code .json} (one record a file, as in an unpacked {@code all.zip}) or a directory of either, walked in name order.
 * A bad record is one error naming its file, line and (when it has one) id; the import goes on. Withdrawn records are
 * counted and left out. A {@code .zip} (osv.dev's {@code <Ecosystem>/all.zip}) is read entry by entry within bounds:
 * entries, bytes per entry and bytes in all, each checked on the bytes actually inflated, not on what the archive's
 * directory claims.
 */
public final class OsvImport {
  private OsvImport() {}

  /** What an import read: the records kept, how many were withdrawn, and one message per bad record. */
  public record Result(List<Advisory> advisories, int withdrawn, List<String> errors) {
    public Result {
      advisories = List.copyOf(advisories);
      errors = List.copyOf(errors);
    }
  }

  /** Imports {@code path}, a file or a directory. */
  public static Result read(Path path) throws IOException {
    Collector c = new Collector();
    read(path, c);
    return c.result();
  }

  /** Adds what {@code path} holds to {@code c}. */
  static void read(Path path, Collector c) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(OsvImport::isOsvFile).sorted().toList();
      }
      for (Path f : files) c.file(f);
    } else {
      c.file(path);
    }
  }

  private static boolean isOsvFile(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".zip");
  }

  /** The largest record read: real OSV records are kilobytes; a line of gigabytes must not exhaust the heap. */
  static final int MAX_RECORD_CHARS = 16 << 20;
  private static final int EOF = -1;
  private static final int LINE = 0;
  private static final int TOO_LONG = 1;

  /** Reads one line into {@code out} (without its end), at most {@link #MAX_RECORD_CHARS}: the rest of a longer line is skipped. */
  static int boundedLine(BufferedReader in, StringBuilder out) throws IOException {
    out.setLength(0);
    boolean tooLong = false;
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (out.length() < MAX_RECORD_CHARS) {
        out.append((char) c);
      } else {
        tooLong = true;
      }
    }
    if (c == -1 && out.isEmpty() && !tooLong) {
      return EOF;
    }
    if (!out.isEmpty() && out.charAt(out.length() - 1) == '\r') {
      out.setLength(out.length() - 1);
    }
    return tooLong ? TOO_LONG : LINE;
  }

  /** The most entries a zip may hold: osv.dev's largest per-ecosystem archive has well under a million. */
  static final int MAX_ZIP_ENTRIES = 2_000_000;
  /** The most a zip may inflate to in all (a zip bomb stops here, in words). */
  static final long MAX_ZIP_BYTES = 8L << 30;

  /** Records of one import run, from any number of files; other feed readers add theirs too. */
  public static final class Collector {
    final List<Advisory> advisories = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    int withdrawn;

    /** A record read by another feed reader. */
    public void add(Advisory a) {
      advisories.add(a);
    }

    /** A bad record or file, with where it was. */
    public void error(String message) {
      errors.add(message);
    }

    /** What was collected. */
    public Result result() {
      return new Result(advisories, withdrawn, errors);
    }

    /** An OSV {@code .jsonl}, {@code .json} or {@code .zip} file. */
    public void file(Path f) throws IOException {
      if (f.getFileName().toString().endsWith(".zip")) {
        zip(f, MAX_ZIP_ENTRIES, MAX_ZIP_BYTES);
      } else if (f.getFileName().toString().endsWith(".jsonl")) {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          int lineNo = 0;
          StringBuilder line = new StringBuilder();
          for (int state; (state = boundedLine(in, line)) != EOF; ) {
            lineNo++;
            if (state == TOO_LONG) {
              errors.add(f + ":" + lineNo + ": a record over " + (MAX_RECORD_CHARS >> 20) + " MiB (no OSV record is this large); skipped");
            } else if (!line.toString().isBlank()) {
              record(line.toString(), f + ":" + lineNo);
            }
          }
        }
      } else if (Files.size(f) > MAX_RECORD_CHARS) {
        errors.add(f + ": a record over " + (MAX_RECORD_CHARS >> 20) + " MiB (no OSV record is this large); skipped");
      } else {
        record(Files.readString(f, StandardCharsets.UTF_8), f.toString());
      }
    }

    /**
     * Every {@code .json} entry of a zip, each at most {@link #MAX_RECORD_CHARS}. A damaged or truncated archive, too
     * many entries or too many bytes in all stop the import with an {@link IOException} saying which.
     */
    public void zip(Path f, int maxEntries, long maxBytes) throws IOException {
      long total = 0;
      int entries = 0;
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
        java.util.Enumeration<? extends java.util.zip.ZipEntry> all = zip.entries();
        byte[] buf = new byte[1 << 16];
        while (all.hasMoreElements()) {
          java.util.zip.ZipEntry e = all.nextElement();
          if (++entries > maxEntries) throw new IOException(f + ": more than " + maxEntries + " entries; not an OSV archive");
          if (e.isDirectory() || !e.getName().endsWith(".json")) continue;
          java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
          boolean tooLong = false;
          try (java.io.InputStream in = zip.getInputStream(e)) {
            for (int n; (n = in.read(buf)) > 0; ) {
              total += n;
              if (total > maxBytes) throw new IOException(f + ": inflates past " + (maxBytes >> 20) + " MiB; not an OSV archive");
              if (out.size() + n > MAX_RECORD_CHARS) {
                tooLong = true;
              } else {
                out.write(buf, 0, n);
              }
            }
          }
          String where = f + "!" + e.getName();
          if (tooLong) {
            errors.add(where + ": a record over " + (MAX_RECORD_CHARS >> 20) + " MiB (no OSV record is this large); skipped");
          } else {
            record(out.toString(StandardCharsets.UTF_8), where);
          }
        }
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        // EOFException: deflate data that ends inside an entry (a damaged archive whose directory still reads)
        throw new IOException(f + ": not a readable zip archive (" + e.getMessage() + ")", e);
      }
    }

    /** An OSV record another reader parsed: kept, or counted as withdrawn. */
    public void osv(Advisory a, String where) {
      if (a.withdrawn() != null) {
        withdrawn++;
      } else {
        advisories.add(a);
      }
    }


    void record(String json, String where) {
      try {
        osv(OsvParser.parse(json), where);
      } catch (OsvFormatException e) {
        errors.add(where + ": " + e.getMessage());
      }
    }
  }
}
