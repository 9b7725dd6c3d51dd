package dev.bulwark.cli;

import dev.bulwark.scan.OutputFormat;
import dev.bulwark.scan.Scanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Parses {@code --format NAME[=FILE]} values: a format and where it goes (no file = stdout). */
final class OutputTarget {
  private OutputTarget() {}

  static List<Scanner.Output> parseAll(List<String> specs) throws UsageException {
    List<Scanner.Output> out = new ArrayList<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      String name = eq < 0 ? s : s.substring(0, eq);
      Optional<OutputFormat> format = OutputFormat.of(name);
      if (format.isEmpty()) {
        throw new UsageException(Opt.FORMAT + ": unknown format '" + name + "' (expected one of "
            + Stream.of(OutputFormat.values()).map(OutputFormat::cliName).collect(Collectors.joining(", ")) + ")");
      }
      out.add(new Scanner.Output(format.get(), eq < 0 ? null : Path.of(s.substring(eq + 1))));
    }
    if (out.isEmpty()) {
      out.add(new Scanner.Output(OutputFormat.TTY, null));
    }
    if (out.stream().filter(o -> o.file() == null).count() > 1) {
      throw new UsageException(Opt.FORMAT + ": only one format can go to standard output; give the others =FILE");
    }
    return out;
  }
}
