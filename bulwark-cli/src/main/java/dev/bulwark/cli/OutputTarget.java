package dev.bulwark.cli;

import dev.bulwark.scan.InputFiles;
import dev.bulwark.scan.OutputFormat;
import dev.bulwark.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses {@code --format NAME[=FILE]} values: a format and where it goes (no file, {@code -}, or a
 * name of standard output such as {@code /dev/stdout} = stdout).
 */
final class OutputTarget {
  /** Names of standard output: writing "to" them as a file would interleave with the stdout format. */
  private static final Set<Path> STDOUT_NAMES = Set.of(Path.of("/dev/stdout"), Path.of("/proc/self/fd/1"), Path.of("/dev/fd/1"));

  private OutputTarget() {}

  static List<Scanner.Output> parseAll(List<String> specs) throws UsageException {
    List<Scanner.Output> out = new ArrayList<>();
    Map<Path, String> byFile = new HashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      String name = eq < 0 ? s : s.substring(0, eq);
      Optional<OutputFormat> format = OutputFormat.of(name);
      if (format.isEmpty()) {
        throw new UsageException(Opt.FORMAT + ": unknown format '" + name + "' (expected one of "
            + Stream.of(OutputFormat.values()).map(OutputFormat::cliName).collect(Collectors.joining(", ")) + ")");
      }
      Path file = eq < 0 ? null : file(s.substring(eq + 1));
      if (file != null) {
        String earlier = byFile.putIfAbsent(identity(file), name);
        if (earlier != null) {
          throw new UsageException(Opt.FORMAT + ": " + earlier + " and " + name + " would both write " + file + "; give each its own file");
        }
      }
      out.add(new Scanner.Output(format.get(), file));
    }
    if (out.isEmpty()) {
      out.add(new Scanner.Output(OutputFormat.TTY, null));
    }
    if (out.stream().filter(o -> o.file() == null).count() > 1) {
      throw new UsageException(Opt.FORMAT + ": only one format can go to standard output; give the others =FILE");
    }
    return out;
  }

  /** The file of {@code NAME=FILE}; null for standard output. */
  private static Path file(String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(Opt.FORMAT + ": no file after '='; use NAME=- for standard output");
    }
    if (value.equals("-")) {
      return null;
    }
    Path p = Path.of(value);
    return STDOUT_NAMES.contains(p.toAbsolutePath().normalize()) ? null : p;
  }

  /** What two spellings of one file have in common: ./a, a and dir/../a (and symlinks, where the directory exists). */
  private static Path identity(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      return abs.getParent() == null ? abs : abs.getParent().toRealPath().resolve(abs.getFileName());
    } catch (IOException e) {
      return abs; // the directory is missing: Preflight says so
    }
  }

  /**
   * Fails, before any scanning, when an output cannot be written: its directory is missing, or it or
   * its directory is read-only or not what it should be. A scan of thousands of files should not
   * end with a lost report.
   */
  static void checkWritable(String option, Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    String where = option + " " + file + ": ";
    if (Files.isDirectory(abs)) {
      throw new IOException(where + "is a directory");
    }
    if (Files.exists(abs)) {
      if (!Files.isWritable(abs)) {
        throw new IOException(where + "not writable (read-only file or file system, or permission denied)");
      }
      return;
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(where + (dir != null && Files.exists(dir) ? dir + " is not a directory" : "no such directory " + dir));
    }
    if (!Files.isWritable(dir)) {
      throw new IOException(where + "cannot create it in " + dir + " (read-only or permission denied)");
    }
  }

  /** Where the process's standard output goes, as the kernel names it: a file when the shell redirected it to one. */
  private static final Path STDOUT_LINK = Path.of("/proc/self/fd/1");

  /** {@link #checkWritable} for every output that goes to a file, and none the same file as a redirected stdout. */
  static void checkWritable(List<Scanner.Output> outputs) throws IOException {
    checkWritable(outputs, STDOUT_LINK);
  }

  static void checkWritable(List<Scanner.Output> outputs, Path stdout) throws IOException {
    boolean toStdout = outputs.stream().anyMatch(o -> o.file() == null);
    for (Scanner.Output o : outputs) {
      if (o.file() != null) {
        checkWritable(Opt.FORMAT, o.file());
        // `--format json=r.json > r.json`: the stdout format and the file would write over each other
        // (a regular file only: /dev/null may take both)
        if (toStdout && Files.isRegularFile(o.file()) && Files.exists(stdout) && sameFile(o.file(), stdout)) {
          throw new IOException(Opt.FORMAT + " " + o.file() + ": standard output is redirected to this file too; give the format another file");
        }
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // not comparable (a pipe, a closed descriptor): not the same file
    }
  }

  /** Fails up front, in words, when an input file given by {@code option} is missing, a directory or unreadable. */
  static void checkReadable(String option, Path file) throws IOException {
    String where = option + " " + file + ": ";
    try {
      InputFiles.requireRegularFile(file); // the check every read makes, done before any scanning
    } catch (IOException e) {
      throw new IOException(where + InputFiles.describe(e));
    }
    if (!Files.isReadable(file)) {
      throw new IOException(where + "permission denied");
    }
  }
}
