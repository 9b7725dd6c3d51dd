package dev.bulwark.cli;

import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.Finding;
import dev.bulwark.lint.Linter;
import dev.bulwark.lint.Severity;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.JsonReport;
import dev.bulwark.report.ReportWriter;
import dev.bulwark.report.ScanReport;
import dev.bulwark.report.TtyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark scan PATH...}: find Dockerfiles, analyze them, report. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Scan Dockerfiles (files, or directories searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile).")
final class ScanCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
  List<Path> paths;

  @Option(names = "--exclude", paramLabel = "PATTERN", description = "Skip paths matching this .gitignore-style pattern (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--format", paramLabel = "NAME[=FILE]", description = "Output format: tty or json; with =FILE, written to FILE (repeatable). Default: tty.")
  List<String> formats = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 1 when a finding is at least this severe: critical, high, medium, low, info. Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = "--no-fail", description = "Always exit 0 when the scan itself worked.")
  boolean noFail;

  @Option(names = "--no-color", description = "Plain output even on a terminal (NO_COLOR is honoured too).")
  boolean noColor;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Severity threshold;
    try {
      threshold = Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
    List<OutputTarget> outputs = OutputTarget.parseAll(formats, spec.commandLine());
    DockerfileFinder finder = new DockerfileFinder(ExcludeMatcher.of(excludes));
    List<Path> files = finder.find(paths);
    boolean keepSource = outputs.stream().anyMatch(o -> o.format().equals("tty"));
    Linter linter = Linter.withDefaultRules();
    List<FileReport> reports = IntStream.range(0, files.size()).parallel()
        .mapToObj(i -> scanOne(files.get(i), linter, keepSource))
        .toList();
    ScanReport report = new ScanReport(reports);
    for (OutputTarget o : outputs) {
      ReportWriter writer = switch (o.format()) {
        case "json" -> new JsonReport(BulwarkCommand.Version.get());
        default -> new TtyReport(o.file() == null && !noColor && Terminal.colorsWanted());
      };
      if (o.file() == null) {
        PrintWriter out = spec.commandLine().getOut();
        writer.write(report, out);
        out.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(o.file(), StandardCharsets.UTF_8)) {
          writer.write(report, w);
        }
      }
    }
    for (FileReport f : reports) {
      if (f.error() != null) {
        spec.commandLine().getErr().println("bulwark: error: " + f.path() + ": " + f.error());
      }
    }
    if (report.hasErrors()) {
      return ExitCodes.INPUT_ERROR;
    }
    return !noFail && report.failsAt(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  static FileReport scanOne(Path file, Linter linter, boolean keepSource) {
    String display = file.toString();
    byte[] bytes;
    try {
      bytes = InputFiles.read(file);
    } catch (IOException e) {
      return FileReport.failed(display, InputFiles.describe(e));
    }
    try {
      DockerfileTarget target = DockerfileTarget.parse(display, bytes);
      List<Finding> findings = linter.lint(target);
      return FileReport.of(display, findings, keepSource ? target.file().source().text() : null);
    } catch (RuntimeException | StackOverflowError e) {
      // A bug in a rule must not take down a scan of thousands of files; say which file.
      StringWriter sw = new StringWriter();
      sw.append("internal error while analyzing: ").append(String.valueOf(e));
      return FileReport.failed(display, sw.toString());
    }
  }
}
