package dev.bulwark.cli;

import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.core.Severity;
import dev.bulwark.report.Baseline;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.GitlabReport;
import dev.bulwark.report.JsonReport;
import dev.bulwark.report.MarkdownReport;
import dev.bulwark.report.ReportWriter;
import dev.bulwark.report.SarifReport;
import dev.bulwark.report.ScanReport;
import dev.bulwark.report.TtyReport;
import dev.bulwark.report.XmlReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The scan itself, independent of how the command line was parsed. */
final class Scan {
  private Scan() {}

  /** Runs a scan; returns the exit code. Usage problems are thrown for the caller to report. */
  static int run(ScanOptions opts, PrintWriter out, PrintWriter err) throws IOException, UsageException {
    List<Path> paths = opts.paths();
    List<String> excludes = opts.excludes();
    List<String> formats = opts.formats();
    String failOn = opts.failOn();
    Path config = opts.config();
    Path baseline = opts.baseline();
    Path writeBaseline = opts.writeBaseline();
    boolean noFail = opts.noFail();
    boolean noColor = opts.noColor();
    Severity threshold = null;
    try {
      threshold = failOn == null ? null : Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fail-on: " + e.getMessage());
    }
    List<OutputTarget> outputs = OutputTarget.parseAll(formats);
    ConfigFinder configs;
    Baseline accepted = null;
    try {
      configs = new ConfigFinder(config);
      if (baseline != null) {
        accepted = Baseline.parse(Files.readString(baseline, StandardCharsets.UTF_8), baseline.toString());
      }
    } catch (LintConfig.ConfigException | Baseline.BaselineException e) {
      throw new IOException(e.getMessage());
    }
    DockerfileFinder finder = new DockerfileFinder(ExcludeMatcher.of(excludes));
    List<Path> files = finder.find(paths);
    Linter<DockerfileTarget> linter = DockerfileRules.linter();
    ContextLister contexts = new ContextLister();
    IntStream indexes = IntStream.range(0, files.size());
    // one file: no thread pool to start
    List<Scanned> scanned = (files.size() > 1 ? indexes.parallel() : indexes)
        .mapToObj(i -> scanOne(files.get(i), linter, configs, contexts))
        .filter(s -> s != null)
        .toList();
    ScanReport report = new ScanReport(scanned.stream().map(Scanned::report).toList());
    if (writeBaseline != null) {
      Files.writeString(writeBaseline, Baseline.write(report), StandardCharsets.UTF_8);
    }
    if (accepted != null) {
      report = accepted.filter(report);
    }
    for (OutputTarget o : outputs) {
      ReportWriter writer = writerFor(o, noColor);
      if (o.file() == null) {
        writer.write(report, out);
        out.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(o.file(), StandardCharsets.UTF_8)) {
          writer.write(report, w);
        }
      }
    }
    for (FileReport f : report.files()) {
      if (f.error() != null) {
        err.println("bulwark: error: " + f.path() + ": " + f.error());
      }
    }
    if (report.hasErrors()) {
      return ExitCodes.INPUT_ERROR;
    }
    if (noFail) {
      return ExitCodes.OK;
    }
    for (int i = 0; i < scanned.size(); i++) {
      Severity t = threshold != null ? threshold : scanned.get(i).failOn() != null ? scanned.get(i).failOn() : Severity.HIGH;
      FileReport f = report.files().get(i);
      if (f.findings().stream().anyMatch(x -> x.severity().atLeast(t))) {
        return ExitCodes.FINDINGS;
      }
    }
    return ExitCodes.OK;
  }

  /** The writer for one --format target. */
  static ReportWriter writerFor(OutputTarget o, boolean noColor) {
    return switch (o.format()) {
      case "json" -> new JsonReport(BulwarkCommand.Version.get());
      case "sarif" -> new SarifReport(BulwarkCommand.Version.get());
      case "junit" -> new XmlReports.JUnit();
      case "checkstyle" -> new XmlReports.Checkstyle();
      case "gitlab" -> new GitlabReport();
      case "markdown" -> new MarkdownReport();
      default -> new TtyReport(o.file() == null && !noColor && Terminal.colorsWanted());
    };
  }

  /** One file's report and the failure threshold its config sets (null: none); a null Scanned is an excluded file. */
  record Scanned(FileReport report, Severity failOn) {}

  static Scanned scanOne(Path file, Linter<DockerfileTarget> linter, ConfigFinder configs, ContextLister contexts) {
    String display = file.toString();
    byte[] bytes;
    ConfigFinder.Found found;
    try {
      bytes = InputFiles.read(file);
      found = configs.forFile(file);
    } catch (IOException e) {
      return new Scanned(FileReport.failed(display, InputFiles.describe(e)), null);
    } catch (LintConfig.ConfigException e) {
      return new Scanned(FileReport.failed(display, e.getMessage()), null);
    }
    if (found.config().excludesFile(found.relative(file))) {
      return null; // excluded by the config file: not scanned, not reported
    }
    try {
      DockerfileTarget target = DockerfileTarget.parse(display, bytes).withConfig(found.config(), found.relative(file));
      if (target.wholeContextCopy().isPresent()) {
        target = target.withContext(contexts.forDockerfile(file));
      }
      List<Finding> findings = linter.lint(target);
      return new Scanned(FileReport.of(display, findings, target.file().source().text()), found.config().failOn());
    } catch (IOException e) {
      return new Scanned(FileReport.failed(display, "cannot list the build context: " + InputFiles.describe(e)), null);
    } catch (RuntimeException | StackOverflowError e) {
      // A bug in a rule must not take down a scan of thousands of files; say which file.
      return new Scanned(FileReport.failed(display, "internal error while analyzing: " + e), null);
    }
  }
}
