package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One {@code --format NAME[=FILE]}: a format and where it goes (null file = stdout). */
record OutputTarget(String format, Path file) {
  static final Set<String> FORMATS = Set.of("tty", "json", "sarif", "junit", "gitlab", "checkstyle", "markdown");

  static List<OutputTarget> parseAll(List<String> specs) throws UsageException {
    List<OutputTarget> out = new ArrayList<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      String name = eq < 0 ? s : s.substring(0, eq);
      if (!FORMATS.contains(name)) {
        throw new UsageException("--format: unknown format '" + name + "' (expected one of tty, json, sarif, junit, gitlab, checkstyle, markdown)");
      }
      out.add(new OutputTarget(name, eq < 0 ? null : Path.of(s.substring(eq + 1))));
    }
    if (out.isEmpty()) {
      out.add(new OutputTarget("tty", null));
    }
    if (out.stream().filter(o -> o.file() == null).count() > 1) {
      throw new UsageException("--format: only one format can go to standard output; give the others =FILE");
    }
    return out;
  }
}
