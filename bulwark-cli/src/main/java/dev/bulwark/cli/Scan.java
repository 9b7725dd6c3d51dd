package dev.bulwark.cli;

import dev.bulwark.core.Severity;
import dev.bulwark.report.FileReport;
import dev.bulwark.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** {@code bulwark scan}, independent of how the command line was parsed: the Scanner's result turned into output and an exit code. */
final class Scan {
  private Scan() {}

  /** Runs a scan; returns the exit code. Usage problems are thrown for the caller to report. */
  static int run(ScanOptions opts, PrintWriter out, PrintWriter err) throws IOException, UsageException {
    Severity threshold = opts.failOn() == null ? null : threshold(opts.failOn(), Opt.FAIL_ON + ": ");
    List<Scanner.Output> outputs = OutputTarget.parseAll(opts.formats());
    OutputTarget.checkWritable(outputs);
    if (opts.writeBaseline() != null) {
      OutputTarget.checkWritable(Opt.WRITE_BASELINE, opts.writeBaseline());
    }
    if (opts.config() != null) {
      OutputTarget.checkReadable(Opt.CONFIG, opts.config());
    }
    if (opts.baseline() != null) {
      OutputTarget.checkReadable(Opt.BASELINE, opts.baseline());
    }
    Scanner.Result result = new Scanner().scan(new Scanner.DockerfileScan(opts.paths(), opts.excludes(), opts.config(), opts.baseline(),
        opts.writeBaseline()));
    Scanner.write(result.report(), outputs, BulwarkCommand.Version::get, !opts.noColor() && Terminal.colorsWanted(), out);
    for (FileReport f : result.report().files()) {
      if (f.error() != null) {
        err.println("bulwark: error: " + Failures.oneLine(f.path() + ": " + f.error()));
      }
    }
    return exitCode(result, threshold, opts.noFail());
  }

  /** A bug beats an unreadable file, which beats findings: CI must not read either failure as "findings". */
  static int exitCode(Scanner.Result result, Severity threshold, boolean noFail) {
    if (result.internalErrors() > 0) {
      return ExitCodes.INTERNAL_ERROR;
    }
    if (result.report().hasErrors()) {
      return ExitCodes.INPUT_ERROR;
    }
    return !noFail && result.fails(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** {@code --fail-on}'s value as a severity; {@code errorPrefix} starts the usage error's message. */
  static Severity threshold(String failOn, String errorPrefix) throws UsageException {
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new UsageException(errorPrefix + e.getMessage());
    }
  }
}
