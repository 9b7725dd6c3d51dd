package dev.bulwark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the common {@code bulwark scan [options] PATH...}, {@code bulwark sbom [options] IMAGE} and
 * {@code bulwark image [options] IMAGE} without starting picocli, whose model building costs 100-300 ms per process (its Java 5 class
 * files cannot go into the AOT cache, and image commands run it while other threads compete).
 * Anything it does not recognise exactly (help, --version, --debug, `--`, an unknown or
 * malformed option, a usage error) goes to picocli, which stays the single definition of the
 * CLI; FastPathTest checks both parse the same command lines to the same options.
 */
final class FastPath {
  private FastPath() {}

  /**
   * A command line split into positionals, option values and flags; null when it is not plain:
   * an unknown option (--help, --debug, --, short options, typos), a flag given twice or with a
   * value, or an option without its value. Picocli decides all of those.
   */
  private record Plain(List<String> positionals, Map<String, List<String>> values, Set<String> flags) {
    static Plain split(String[] args, String command, Set<String> withValue, Set<String> flagNames) {
      if (args.length < 2 || !args[0].equals(command)) {
        return null;
      }
      List<String> positionals = new ArrayList<>();
      Map<String, List<String>> values = new HashMap<>();
      Set<String> flags = new HashSet<>();
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("-") || a.equals("-")) {
          positionals.add(a);
          continue;
        }
        int eq = a.indexOf('=');
        String name = eq > 0 ? a.substring(0, eq) : a;
        if (flagNames.contains(name) && eq < 0) {
          if (!flags.add(name)) {
            return null;
          }
          continue;
        }
        if (!withValue.contains(name)) {
          return null;
        }
        String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : null;
        if (value == null) {
          return null;
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      return positionals.isEmpty() ? null : new Plain(positionals, values, flags);
    }

    List<String> all(String name) {
      return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** The value of an option given at most once (check {@link #anyRepeated} first), null when absent. */
    String one(String name) {
      List<String> v = values.get(name);
      return v == null ? null : v.getFirst();
    }

    /** Single-valued options given twice: picocli reports those. */
    boolean anyRepeated(String... names) {
      return Stream.of(names).anyMatch(n -> values.getOrDefault(n, List.of()).size() > 1);
    }

    Path path(String name) {
      String v = one(name);
      return v == null ? null : Path.of(v);
    }
  }

  /** The options of a plain scan command line, or empty when picocli must handle it. */
  static Optional<ScanOptions> parse(String[] args) {
    Plain p = Plain.split(args, "scan", Set.of(Opt.FORMAT, Opt.FAIL_ON, Opt.CONFIG, Opt.BASELINE, Opt.WRITE_BASELINE, Opt.EXCLUDE),
        Set.of(Opt.NO_FAIL, Opt.NO_COLOR));
    if (p == null || p.anyRepeated(Opt.FAIL_ON, Opt.CONFIG, Opt.BASELINE, Opt.WRITE_BASELINE)) {
      return Optional.empty();
    }
    return Optional.of(new ScanOptions(p.positionals().stream().map(Path::of).toList(), p.all(Opt.EXCLUDE), p.all(Opt.FORMAT),
        p.one(Opt.FAIL_ON), p.path(Opt.CONFIG), p.path(Opt.BASELINE), p.path(Opt.WRITE_BASELINE), p.flags().contains(Opt.NO_FAIL),
        p.flags().contains(Opt.NO_COLOR)));
  }

  /** The options of a plain sbom command line: one IMAGE, --format, --platform, --insecure, each at most once. */
  static Optional<SbomCommand.Options> parseSbom(String[] args) {
    Plain p = Plain.split(args, "sbom", Set.of(Opt.FORMAT, Opt.PLATFORM), Set.of(Opt.INSECURE));
    if (p == null || p.positionals().size() != 1 || p.anyRepeated(Opt.FORMAT, Opt.PLATFORM)) {
      return Optional.empty(); // picocli reports extra arguments and repetitions
    }
    String format = p.one(Opt.FORMAT) == null ? Opt.SBOM_FORMAT_DEFAULT : p.one(Opt.FORMAT);
    if (Stream.of(SbomCommand.Format.values()).noneMatch(f -> f.name().equals(format))) {
      return Optional.empty(); // picocli words the bad value
    }
    return Optional.of(new SbomCommand.Options(p.positionals().getFirst(), SbomCommand.Format.valueOf(format), p.one(Opt.PLATFORM),
        p.flags().contains(Opt.INSECURE)));
  }

  /** The options of a plain image command line. */
  static Optional<ImageCommand.Options> parseImage(String[] args) {
    Plain p = Plain.split(args, "image", Set.of(Opt.FORMAT, Opt.FAIL_ON, Opt.PLATFORM, Opt.CONFIG, Opt.DB, Opt.BASE),
        Set.of(Opt.NO_FAIL, Opt.NO_COLOR, Opt.INSECURE, Opt.OFFLINE));
    if (p == null || p.positionals().size() != 1 || p.anyRepeated(Opt.FAIL_ON, Opt.PLATFORM, Opt.CONFIG, Opt.DB, Opt.BASE)) {
      return Optional.empty();
    }
    return Optional.of(new ImageCommand.Options(p.positionals().getFirst(), p.all(Opt.FORMAT),
        p.one(Opt.FAIL_ON) == null ? Opt.IMAGE_FAIL_ON_DEFAULT : p.one(Opt.FAIL_ON), p.flags().contains(Opt.NO_FAIL), p.flags().contains(Opt.NO_COLOR),
        p.one(Opt.PLATFORM), p.path(Opt.CONFIG), p.flags().contains(Opt.INSECURE), p.one(Opt.DB), p.one(Opt.BASE), p.flags().contains(Opt.OFFLINE)));
  }

  /** Runs scan, sbom or image when the command line is plain; empty means "let picocli handle it". */
  static OptionalInt tryRun(String[] args) {
    return tryRun(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true));
  }

  /** A plain command, ready to run. */
  private interface Run {
    int run() throws IOException, UsageException;
  }

  static OptionalInt tryRun(String[] args, PrintWriter out, PrintWriter err) {
    Run command;
    try {
      Optional<ScanOptions> scan = parse(args);
      Optional<SbomCommand.Options> sbom = parseSbom(args);
      Optional<ImageCommand.Options> image = parseImage(args);
      command = scan.isPresent() ? () -> Scan.run(scan.get(), out, err)
          : sbom.isPresent() ? () -> SbomCommand.run(sbom.get(), out, err)
          : image.isPresent() ? () -> ImageCommand.run(image.get(), out, err) : null;
    } catch (RuntimeException e) {
      return OptionalInt.empty(); // e.g. an invalid path string: picocli words the error
    }
    if (command == null) {
      return OptionalInt.empty();
    }
    int code;
    try {
      code = command.run();
    } catch (UsageException e) {
      return OptionalInt.empty(); // picocli prints the usage error and its hint
    } catch (IOException | RuntimeException | StackOverflowError e) {
      code = Failures.report(e, false, err);
    }
    return OptionalInt.of(Streams.stdoutFailed(out, err) ? ExitCodes.INPUT_ERROR : code);
  }
}
