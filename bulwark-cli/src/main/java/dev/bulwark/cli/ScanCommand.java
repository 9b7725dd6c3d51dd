package dev.bulwark.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Option(names = Opt.EXCLUDE, paramLabel = "PATTERN", description = "Skip paths matching this .gitignore-style pattern (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = Opt.FORMAT, paramLabel = "NAME[=FILE]",
      description = "Output format: " + Opt.FORMATS + "; with =FILE, written to FILE (repeatable). Default: tty.")
  List<String> formats = new ArrayList<>();

  @Option(names = Opt.FAIL_ON, paramLabel = "SEVERITY",
      description = "Exit 1 when a finding is at least this severe: critical, high, medium, low, info. Default: failOn from the config file, else high.")
  String failOn;

  @Option(names = Opt.CONFIG, paramLabel = "FILE",
      description = "Settings file (.bulwark.yaml, or a .hadolint.yaml). Default: the nearest .bulwark.yaml, else .hadolint.yaml, above each file.")
  Path config;

  @Option(names = Opt.BASELINE, paramLabel = "FILE", description = "Report only findings that are not in this baseline.")
  Path baseline;

  @Option(names = Opt.WRITE_BASELINE, paramLabel = "FILE", description = "Record the current findings as accepted, in FILE.")
  Path writeBaseline;

  @Option(names = Opt.NO_FAIL, description = "Always exit 0 when the scan itself worked.")
  boolean noFail;

  @Option(names = Opt.NO_COLOR, description = "Plain output even on a terminal (NO_COLOR is honoured too).")
  boolean noColor;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    try {
      return Scan.run(options(), spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (UsageException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The parsed command line as plain values. */
  ScanOptions options() {
    return new ScanOptions(List.copyOf(paths), List.copyOf(excludes), List.copyOf(formats), failOn, config, baseline, writeBaseline,
        noFail, noColor);
  }
}
