package dev.bulwark.scan;

import dev.bulwark.compose.ComposeException;
import dev.bulwark.compose.ComposeProject;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.report.FileReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which files are Compose files, by content ({@link ComposeTarget#isComposeRoot}: a {@code services}
 * mapping and only the specification's top-level keys), and their scan as docker compose reads them:
 * a default-named file ({@code compose.yaml}, {@code docker-compose.yml}…) with the override file
 * compose loads beside it ({@code compose.override.yaml}…), {@code .env} next to the first file, the
 * process environment over it, and {@code extends: file:} targets. Each file is reported on its own,
 * with the findings about its own lines in the merged project. A file that cannot be loaded (not
 * YAML, a required variable unset) is one error for that file.
 */
final class ComposeFiles {
  /** What docker compose looks for in a directory, in its order (compose-go's default file names). */
  private static final List<String> DEFAULTS = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  private static final List<String> OVERRIDES = List.of("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
      "docker-compose.override.yaml");

  private ComposeFiles() {}

  /** A cheap look before parsing: some line starts with {@code services:}. */
  static boolean looksLikeCompose(String text) {
    for (int i = text.indexOf("services:"); i >= 0; i = text.indexOf("services:", i + 1)) {
      if (i == 0 || text.charAt(i - 1) == '\n' || (text.charAt(i - 1) == '\uFEFF' && i == 1)) {
        return true;
      }
    }
    return false;
  }

  /** The files of {@code file}'s project, in -f order: a default file with its override, an override after its default file. */
  static List<Path> project(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    Path dir = file.toAbsolutePath().getParent();
    List<Path> out = new ArrayList<>();
    if (dir != null && DEFAULTS.contains(name)) {
      out.add(file);
      Path o = first(dir, OVERRIDES);
      if (o != null) {
        out.add(file.resolveSibling(o.getFileName()));
      }
    } else if (dir != null && OVERRIDES.contains(name)) {
      Path b = first(dir, DEFAULTS);
      if (b != null) {
        out.add(file.resolveSibling(b.getFileName()));
      }
      out.add(file);
    } else {
      out.add(file);
    }
    return out;
  }

  private static Path first(Path dir, List<String> names) {
    for (String n : names) {
      Path p = dir.resolve(n);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** The file's report, or null when it is not a Compose file (nothing to report). */
  static FileReport scan(Path file, String display, String text, LintConfig config, String relative, Linter<ComposeTarget> linter,
      Map<String, String> environment) {
    if (!looksLikeCompose(text)) {
      return null;
    }
    ComposeProject project;
    try {
      List<ComposeProject.Source> sources = new ArrayList<>();
      for (Path p : project(file)) {
        sources.add(p.equals(file) ? new ComposeProject.Source(display, text) : source(p));
      }
      Path env = Path.of(sources.get(0).path()).resolveSibling(".env");
      ComposeProject.Source dotEnv = Files.isRegularFile(env) ? source(env) : null;
      project = ComposeProject.load(sources, environment, dotEnv, ComposeFiles::extendsFile);
    } catch (ComposeException e) {
      if (!isCompose(display, text)) {
        return null; // not a Compose file itself (a CI file that is not YAML, a stray file beside a broken override)
      }
      return FileReport.failed(display, e.file().equals(display)
          ? "invalid Compose file at line " + e.line() + ", column " + e.column() + ": " + e.reason()
          : "cannot load its Compose project: " + e.getMessage());
    } catch (IOException e) {
      return FileReport.failed(display, "cannot load its Compose project: " + InputFiles.describe(e));
    }
    ComposeTarget target = project.target(display);
    if (target == null || !target.isCompose()) {
      return null;
    }
    List<Finding> findings = linter.lint(target.withConfig(config, relative));
    List<String> warnings = new ArrayList<>();
    for (ComposeProject.Warning w : project.warnings()) {
      if (w.file().equals(display)) {
        warnings.add("line " + w.line() + ", column " + w.column() + ": " + w.message());
      }
    }
    return FileReport.of(display, findings, text).withWarnings(warnings);
  }

  /**
   * Whether the file alone reads as Compose, so that its load error is worth a report: when it is
   * not YAML, when every key at the start of a line is a Compose top-level key (a CI file with a
   * {@code services:} key has others).
   */
  private static boolean isCompose(String display, String text) {
    try {
      return ComposeTarget.parse(display, text).isCompose();
    } catch (dev.bulwark.yaml.YamlException e) {
      for (String line : text.split("\n", -1)) {
        java.util.regex.Matcher m = TopKey.TOP_KEY.matcher(line);
        if (m.lookingAt() && !ComposeTarget.isTopLevelKey(m.group(1))) {
          return false;
        }
      }
      return true;
    }
  }

  /** A key at the start of a line; compiled only when a file fails to load. */
  private static final class TopKey {
    static final java.util.regex.Pattern TOP_KEY = java.util.regex.Pattern.compile("([A-Za-z_][\\w.-]*)\\s*:");
  }

  private static ComposeProject.Source source(Path p) throws IOException {
    return new ComposeProject.Source(p.toString(), new String(InputFiles.read(p), StandardCharsets.UTF_8));
  }

  private static ComposeProject.Source extendsFile(String from, String file) throws IOException {
    return source(Path.of(from).resolveSibling(file).normalize());
  }
}
