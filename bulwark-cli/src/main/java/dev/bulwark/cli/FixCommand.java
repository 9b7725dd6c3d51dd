package dev.bulwark.cli;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.lint.DockerfileFixer;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.report.Escape;
import dev.bulwark.report.FileReport;
import dev.bulwark.scan.InputFiles;
import dev.bulwark.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark fix PATH...}: the fixes the rules know, applied in place or shown as a diff.
 * Findings come from the same scan as {@code bulwark scan} (config, pragmas, purpose); passes
 * after the first re-lint the fixed text in memory and only fix rules the scan reported in
 * that file, so a rule the config turns off is never fixed.
 */
@Command(name = "fix", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Apply the safe autofixes of the findings in Dockerfiles (files or directories) and print them as a unified diff,"
        + " or write them with --write.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:nothing to fix, or --write wrote every fix", "1:--diff: there are fixes to apply (the diff is printed)",
        "2:usage or input error (a missing file, a file that does not parse, a file that cannot be written)",
        "3:internal error: a bug in Bulwark (run with --debug for the trace), or out of memory"})
final class FixCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Dockerfiles, or directories to search for them.")
  List<Path> paths;

  @Option(names = "--rule", paramLabel = "ID", split = ",",
      description = "Fix only these rules (ids or aliases such as DL3015; repeatable or comma-separated). Default: every rule with a fix.")
  List<String> rules = new ArrayList<>();

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  /** {@code --diff} (the default) or {@code --write}. */
  static final class Mode {
    @Option(names = "--diff", description = "Print the fixes as a unified diff and change nothing (the default).")
    boolean diff;

    @Option(names = "--write", description = "Write the fixes into the files (atomically, keeping each file's mode).")
    boolean write;
  }

  @Option(names = "--unsafe", description = "Apply unsafe fixes too: they change what the build or the container does; review them.")
  boolean unsafe;

  @Option(names = "--pin-digest",
      description = "Also pin every FROM image to the digest its tag points to now (image:tag@sha256:...), asked of its registry"
          + " (logins from ~/.docker/config.json; plain HTTP only for registries on loopback).")
  boolean pinDigest;

  @Option(names = Opt.CONFIG, paramLabel = "FILE",
      description = "Settings file (.bulwark.yaml or .hadolint.yaml). Default: the nearest one above each file.")
  Path config;

  @Option(names = Opt.EXCLUDE, paramLabel = "PATTERN", description = "Skip paths matching this .gitignore-style pattern (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> names = rules.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String name : names) {
      if (!knownRule(name)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rule: no Dockerfile rule is named '" + name + "'");
      }
    }
    if (config != null) {
      OutputTarget.checkReadable(Opt.CONFIG, config);
    }
    Scanner.Result result = new Scanner().scan(new Scanner.DockerfileScan(paths, excludes, config, null, null));
    boolean inputErrors = false;
    int fixedFiles = 0;
    int fixCount = 0;
    int unsafeLeft = 0;
    DigestPins pins = pinDigest ? new DigestPins(new dev.bulwark.image.registry.RegistryClient(
        dev.bulwark.image.registry.Credentials.fromDockerConfig(), Set.of(), dev.bulwark.image.source.ImageLimits.DEFAULT), err) : null;
    for (FileReport file : result.report().files()) {
      if (file.error() != null) {
        err.println("bulwark: error: " + Failures.oneLine(file.path() + ": " + file.error()));
        inputErrors = true;
        continue;
      }
      boolean nothingToFix = file.findings().stream().noneMatch(f -> f.fix().isPresent());
      if (file.source() == null || (nothingToFix && (pins == null || !isDockerfile(file)))) {
        if (file.source() != null && isDockerfile(file) && parseErrors(file, err)) {
          inputErrors = true;
        }
        continue;
      }
      if (parseErrors(file, err)) {
        inputErrors = true;
        continue;
      }
      Set<String> reported = new HashSet<>();
      for (Finding f : file.findings()) {
        reported.add(f.ruleId());
        if (f.fix().isPresent() && !f.fix().get().isSafe() && !unsafe && selected(f, names)) {
          unsafeLeft++;
        }
      }
      Predicate<Finding> wanted = f -> (unsafe || f.fix().get().isSafe()) && selected(f, names) && reported.contains(f.ruleId());
      DockerfileFixer.Outcome outcome = new DockerfileFixer(wanted, text -> relint(file.path(), text)).fix(file.source(), file.findings());
      String fixed = outcome.text();
      int pinsBefore = pins == null ? 0 : pins.pinned;
      if (pins != null) {
        fixed = pins.pin(file.path(), fixed); // after the tag pins, so the digest is of the tag written
        inputErrors |= pins.failed;
      }
      int pinnedHere = pins == null ? 0 : pins.pinned - pinsBefore;
      if (!outcome.changed() && pinnedHere == 0) {
        continue;
      }
      for (DockerfileFixer.Applied a : outcome.applied()) {
        err.println(Escape.terminal(file.path() + ":" + a.finding().span().startLine() + ":" + a.finding().span().startColumn() + " "
            + a.finding().ruleId() + " " + a.fix().description() + (a.fix().isSafe() ? "" : " (unsafe)")));
      }
      fixedFiles++;
      fixCount += outcome.applied().size() + pinnedHere;
      if (mode.write) {
        if (!write(Path.of(file.path()), file.source(), fixed, err)) {
          inputErrors = true;
        }
      } else {
        out.print(UnifiedDiff.of(file.path(), file.source(), fixed));
      }
    }
    out.flush();
    err.println((mode.write ? "fixed " : "would fix ") + fixCount + (fixCount == 1 ? " finding" : " findings") + " in " + fixedFiles
        + (fixedFiles == 1 ? " file" : " files") + (unsafeLeft > 0 ? "; " + unsafeLeft + " unsafe fixes not applied (--unsafe applies them)" : ""));
    err.flush();
    if (result.internalErrors() > 0) {
      return ExitCodes.INTERNAL_ERROR;
    }
    if (inputErrors) {
      return ExitCodes.INPUT_ERROR;
    }
    return fixCount > 0 && !mode.write ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** Manifests are scanned too; only Dockerfiles are fixed and checked for parse errors. */
  private static boolean isDockerfile(FileReport file) {
    String p = file.path().toLowerCase(Locale.ROOT);
    return !(p.endsWith(".yaml") || p.endsWith(".yml"));
  }

  /** Prints the file's parse errors as {@code bulwark parse} does; true when there were any. */
  private static boolean parseErrors(FileReport file, PrintWriter err) {
    boolean any = false;
    for (Diagnostic d : BuildModel.of(DockerfileParser.parse(file.source())).diagnostics()) { // BuildKit's refusals, as bulwark parse
      if (d.isError()) {
        err.println(Escape.terminal("bulwark: error: " + file.path() + ":" + d.span().startLine() + ": " + d.message()
            + " (not fixed)"));
        any = true;
      }
    }
    return any;
  }

  private static boolean selected(Finding f, List<String> names) {
    if (names.isEmpty()) {
      return true;
    }
    for (String n : names) {
      if (f.answersTo(n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean knownRule(String name) {
    for (Rule<DockerfileTarget> r : DockerfileRules.all()) {
      if (r.info().id().equalsIgnoreCase(name) || r.info().aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
        return true;
      }
    }
    return false;
  }

  private static List<Finding> relint(String path, String text) {
    Linter<DockerfileTarget> linter = DockerfileRules.linter();
    return linter.lint(DockerfileTarget.parse(path, text));
  }

  /**
   * Writes {@code fixed} over {@code file} (its target, when it is a symlink) through a temporary
   * file in the same directory moved into place, with the original's permissions. Refuses a file
   * whose bytes are not the UTF-8 of its text (invalid UTF-8 was replaced when read), or that
   * changed since it was scanned.
   */
  private static boolean write(Path file, String original, String fixed, PrintWriter err) {
    try {
      Path real = file.toRealPath();
      byte[] now = InputFiles.read(real);
      if (!Arrays.equals(now, original.getBytes(StandardCharsets.UTF_8))) {
        err.println("bulwark: error: " + Failures.oneLine(file + ": not rewritten: it is not valid UTF-8, or it changed while being fixed"));
        return false;
      }
      Path dir = real.toAbsolutePath().getParent();
      Path temp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".bulwark-fix");
      try {
        Files.write(temp, fixed.getBytes(StandardCharsets.UTF_8));
        PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
        if (posix != null) {
          Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
        }
        Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    } catch (IOException e) {
      err.println("bulwark: error: " + Failures.oneLine(file + ": cannot write the fixes: " + InputFiles.describe(e)));
      return false;
    }
  }
}
