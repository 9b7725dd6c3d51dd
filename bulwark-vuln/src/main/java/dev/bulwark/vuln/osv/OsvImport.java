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
 * counted and left out. Zip archives are not read yet.
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
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(OsvImport::isOsvFile).sorted().toList();
      }
      for (Path f : files) c.file(f);
    } else {
      c.file(path);
    }
    return new Result(c.advisories, c.withdrawn, c.errors);
  }

  private static boolean isOsvFile(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".json") || n.endsWith(".jsonl");
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

  private static final class Collector {
    final List<Advisory> advisories = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    int withdrawn;

    void file(Path f) throws IOException {
      if (f.getFileName().toString().endsWith(".jsonl")) {
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

    void record(String json, String where) {
      try {
        Advisory a = OsvParser.parse(json);
        if (a.withdrawn() != null) {
          withdrawn++;
        } else {
          advisories.add(a);
        }
      } catch (OsvFormatException e) {
        errors.add(where + ": " + e.getMessage());
      }
    }
  }
}
