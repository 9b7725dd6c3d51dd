package dev.bulwark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the common {@code bulwark scan [options] PATH...} and {@code bulwark sbom [options] IMAGE}
 * without starting picocli, whose model building costs 100-300 ms per process (its Java 5 class
 * files cannot go into the AOT cache, and image commands run it while other threads compete).
 * Anything it does not recognise exactly (help, --version, --debug, `--`, an unknown or
 * malformed option, a usage error) goes to picocli, which stays the single definition of the
 * CLI; CliFastPathTest checks both parse the same command lines to the same options.
 */
final class FastPath {
  private static final Set<String> WITH_VALUE = Set.of("--format", "--fail-on", "--config", "--baseline", "--write-baseline", "--exclude");
  private static final Set<String> FLAGS = Set.of("--no-fail", "--no-color");

  private FastPath() {}

  /** The options of a plain scan command line, or empty when picocli must handle it. */
  static Optional<ScanOptions> parse(String[] args) {
    if (args.length < 2 || !args[0].equals("scan")) {
      return Optional.empty();
    }
    List<Path> paths = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    List<String> formats = new ArrayList<>();
    String failOn = null;
    Path config = null;
    Path baseline = null;
    Path writeBaseline = null;
    boolean noFail = false;
    boolean noColor = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-") || a.equals("-")) {
        paths.add(Path.of(a));
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (FLAGS.contains(name) && value == null) {
        if (name.equals("--no-fail")) {
          noFail = true;
        } else {
          noColor = true;
        }
        continue;
      }
      if (!WITH_VALUE.contains(name)) {
        return Optional.empty(); // --help, --debug, --, short options, typos: picocli decides
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
          return Optional.empty();
        }
        value = args[++i];
      }
      switch (name) {
        case "--format" -> formats.add(value);
        case "--exclude" -> excludes.add(value);
        case "--fail-on" -> {
          if (failOn != null) {
            return Optional.empty(); // picocli reports the repetition
          }
          failOn = value;
        }
        default -> {
          Path p = Path.of(value);
          if ((name.equals("--config") && config != null) || (name.equals("--baseline") && baseline != null)
              || (name.equals("--write-baseline") && writeBaseline != null)) {
            return Optional.empty();
          }
          switch (name) {
            case "--config" -> config = p;
            case "--baseline" -> baseline = p;
            default -> writeBaseline = p;
          }
        }
      }
    }
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ScanOptions(List.copyOf(paths), List.copyOf(excludes), List.copyOf(formats), failOn, config, baseline,
        writeBaseline, noFail, noColor));
  }

  /** The options of a plain sbom command line: one IMAGE, --format, --platform, --insecure, each at most once. */
  static Optional<SbomCommand.Options> parseSbom(String[] args) {
    if (args.length < 2 || !args[0].equals("sbom")) {
      return Optional.empty();
    }
    String image = null;
    SbomCommand.Format format = null;
    String platform = null;
    boolean insecure = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        if (image != null) {
          return Optional.empty(); // picocli reports the extra argument
        }
        image = a;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (name.equals("--insecure") && eq < 0 && !insecure) {
        insecure = true;
        continue;
      }
      if (!name.equals("--format") && !name.equals("--platform")) {
        return Optional.empty();
      }
      String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : null;
      if (value == null) {
        return Optional.empty();
      }
      if (name.equals("--format")) {
        if (format != null || Stream.of(SbomCommand.Format.values()).noneMatch(f -> f.name().equals(value))) {
          return Optional.empty(); // picocli words the bad or repeated value
        }
        format = SbomCommand.Format.valueOf(value);
      } else {
        if (platform != null) {
          return Optional.empty();
        }
        platform = value;
      }
    }
    return image == null ? Optional.empty()
        : Optional.of(new SbomCommand.Options(image, format == null ? SbomCommand.Format.table : format, platform, insecure));
  }

  /** Runs the scan or SBOM when the command line is plain; empty means "let picocli handle it". */
  static OptionalInt tryRun(String[] args) {
    return tryRun(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true));
  }

  static OptionalInt tryRun(String[] args, PrintWriter out, PrintWriter err) {
    Optional<ScanOptions> options;
    Optional<SbomCommand.Options> sbom;
    try {
      options = parse(args);
      sbom = options.isEmpty() ? parseSbom(args) : Optional.empty();
    } catch (RuntimeException e) {
      return OptionalInt.empty(); // e.g. an invalid path string: picocli words the error
    }
    if (options.isEmpty() && sbom.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int code = sbom.isPresent() ? SbomCommand.run(sbom.get(), out, err) : Scan.run(options.get(), out, err);
      out.flush();
      return OptionalInt.of(code);
    } catch (UsageException e) {
      return OptionalInt.empty(); // picocli prints the usage error and its hint
    } catch (IOException | RuntimeException e) {
      out.flush();
      err.println("bulwark: error: " + Main.oneLine(e));
      return OptionalInt.of(ExitCodes.INPUT_ERROR);
    }
  }
}
