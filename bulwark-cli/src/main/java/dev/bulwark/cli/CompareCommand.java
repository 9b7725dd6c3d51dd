package dev.bulwark.cli;

import dev.bulwark.scan.ImageInput;
import dev.bulwark.scan.Scanner;
import dev.bulwark.scan.compare.Comparison;
import dev.bulwark.scan.compare.ComparisonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark compare IMAGE --to BASELINE}: what changed from the baseline image to IMAGE, as
 * {@code docker scout compare} shows it: packages added, removed and at other versions, vulnerabilities fixed and
 * introduced (with a database), size, user, entrypoint, base image and layers.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare an image to a baseline image: packages added, removed and changed, vulnerabilities fixed and introduced"
        + " (with a database), size, user, entrypoint, base image and layers.")
final class CompareCommand implements Callable<Integer> {
  static final String VULNS_INCREASED = "vulns-increased";

  @Parameters(paramLabel = "IMAGE", description = "The image (docker-save .tar, OCI layout directory or .tar, or a registry reference).") String image;

  @Option(names = Opt.TO, required = true, paramLabel = "IMAGE", description = "The baseline to compare IMAGE to (e.g. the image of the main branch).")
  String to;

  @Option(names = Opt.DB, paramLabel = "DIR", description = "Vulnerability database directory: compare vulnerabilities too. Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db, used when it exists.")
  String db;

  @Option(names = Opt.FORMAT, paramLabel = "FORMAT", defaultValue = "table", description = "table, json or md (Markdown, for a pull-request comment). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = Opt.EXIT_ON, paramLabel = "CONDITION", description = VULNS_INCREASED + ": exit 1 when IMAGE has a vulnerability the baseline does not.")
  String exitOn;

  @Option(names = Opt.PLATFORM, paramLabel = "OS/ARCH[/VARIANT]") String platform;

  @Option(names = Opt.INSECURE, description = "Plain HTTP or unverified TLS for the images' registry, as Docker's insecure-registries.") boolean insecure;

  @Option(names = Opt.OFFLINE, description = "Never use the network: both images must be local.") boolean offline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    return UsageException.run(spec, this::run);
  }

  int run(PrintWriter out, PrintWriter err) throws IOException, UsageException {
    ComparisonReport.Format f = ComparisonReport.Format.parse(format);
    if (f == null) throw new UsageException(Opt.FORMAT + ": unknown format '" + format + "' (expected table, json or md)");
    if (exitOn != null && !exitOn.equals(VULNS_INCREASED)) {
      throw new UsageException(Opt.EXIT_ON + ": unknown condition '" + exitOn + "' (expected " + VULNS_INCREASED + ")");
    }
    if (offline) {
      for (String img : List.of(image, to)) {
        if (!ImageInput.isLocal(img)) throw new UsageException("--offline: " + img + " is not a local image (a path or an OCI layout)");
      }
    }
    Path dbFile = DbCommand.file(db);
    boolean matching = db != null || Files.exists(dbFile);
    if (exitOn != null && !matching) {
      throw new UsageException(Opt.EXIT_ON + " " + exitOn + " compares vulnerabilities, and there is no vulnerability database (" + Opt.DB + ")");
    }
    Scanner.CompareResult r = new Scanner().compare(new Scanner.CompareScan(image, to, platform, insecure),
        matching ? new Scanner.VulnCheck(dbFile, null, ImageCommand.STALE) : null);
    for (String n : r.notices()) err.println("bulwark: warning: " + n);
    Comparison c = r.comparison();
    out.print(ComparisonReport.write(c, f));
    out.flush();
    if (f != ComparisonReport.Format.TABLE) err.println("bulwark: " + ComparisonReport.sentence(c));
    return exitOn != null && c.vulnsIncreased() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
