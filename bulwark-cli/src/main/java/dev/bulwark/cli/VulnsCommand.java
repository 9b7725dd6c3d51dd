package dev.bulwark.cli;

import dev.bulwark.core.Severity;
import dev.bulwark.scan.Scanner;
import dev.bulwark.scan.Vulnerabilities;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark vulns SBOM_FILE}: the known vulnerabilities of the packages an SBOM lists (CycloneDX or SPDX JSON, as
 * Bulwark, Syft or Trivy write them), with the findings, formats and summary of {@code bulwark image --db}.
 */
@Command(name = "vulns", mixinStandardHelpOptions = true,
    description = "List the known vulnerabilities of the packages in an SBOM file (CycloneDX or SPDX JSON; Bulwark's, Syft's or Trivy's),"
        + " matched against the vulnerability database.")
final class VulnsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SBOM_FILE", description = "A CycloneDX 1.4-1.6 or SPDX 2.2-2.3 JSON document, or Bulwark's SBOM JSON.") Path file;

  @Option(names = Opt.DB, paramLabel = "DIR", description = "Vulnerability database directory (bulwark db import). Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db.")
  String db;

  @Option(names = Opt.FORMAT, paramLabel = "NAME[=FILE]", description = Opt.FORMATS + " (repeatable).")
  List<String> formats = new ArrayList<>();

  @Option(names = Opt.SEVERITY, paramLabel = "SEVERITY[,SEVERITY…]", split = ",",
      description = "Only vulnerabilities rated one of these (critical, high, medium, low, unrated); repeatable.")
  List<String> severities = new ArrayList<>();

  @Option(names = Opt.IGNORE_UNFIXED, description = "Leave out vulnerabilities no fixed version is known for.") boolean ignoreUnfixed;

  @Option(names = Opt.FAIL_ON, paramLabel = "SEVERITY", defaultValue = Opt.IMAGE_FAIL_ON_DEFAULT, description = "Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = Opt.NO_FAIL, description = "Always exit 0 when the check itself worked.") boolean noFail;

  @Option(names = Opt.NO_COLOR, description = "Plain output.") boolean noColor;

  @Option(names = Opt.CONFIG, paramLabel = "FILE", description = ".bulwark.yaml whose ignore and severity settings apply.") Path config;

  @Option(names = Opt.VEX, paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX JSON: not_affected and fixed statements suppress (shown apart, with the justification). Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = Opt.IGNORE_FILE, paramLabel = "FILE", description = "Accepted vulnerabilities with reasons and expiry dates: .bulwarkignore.yaml, or Trivy's .trivyignore or .trivyignore.yaml. Default: .bulwarkignore.yaml beside SBOM_FILE, when there is one.")
  Path ignoreFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    return UsageException.run(spec, this::run);
  }

  int run(PrintWriter out, PrintWriter err) throws IOException, UsageException {
    Severity threshold = Scan.threshold(failOn, "");
    Vulnerabilities.Filter filter = new Vulnerabilities.Filter(severities(severities), ignoreUnfixed);
    List<Scanner.Output> outputs = OutputTarget.parseAll(formats);
    OutputTarget.checkWritable(outputs);
    if (config != null) {
      OutputTarget.checkReadable(Opt.CONFIG, config);
    }
    Path dir = file.toAbsolutePath().getParent();
    dev.bulwark.scan.TriageFiles.Loaded triage = Triaging.load(vex, ignoreFile, dir, Triaging.today());
    Scanner.ImageResult r = new Scanner().scan(new Scanner.SbomScan(file, config),
        new Scanner.VulnCheck(DbCommand.file(db), null, ImageCommand.STALE, filter).withTriage(triage.steps()));
    r = Triaging.withWarnings(r, triage);
    ImageCommand.write(r.result(), r, outputs, !noColor && Terminal.colorsWanted(), false, out, err);
    return !noFail && r.result().fails(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** {@code --severity} values: Bulwark's severities, with {@code unrated} (and Trivy's {@code unknown}) for what no record rates. */
  static Set<Severity> severities(List<String> values) throws UsageException {
    Set<Severity> out = EnumSet.noneOf(Severity.class);
    for (String v : values) {
      String s = v.strip();
      if (s.isEmpty()) continue;
      if (s.equalsIgnoreCase("unrated") || s.equalsIgnoreCase("unknown")) {
        out.add(Severity.INFO);
        continue;
      }
      try {
        out.add(Severity.parse(s));
      } catch (IllegalArgumentException e) {
        throw new UsageException(Opt.SEVERITY + ": unknown severity '" + s + "' (expected critical, high, medium, low or unrated)");
      }
    }
    return out;
  }
}
