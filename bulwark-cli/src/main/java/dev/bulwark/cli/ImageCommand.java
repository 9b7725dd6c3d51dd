package dev.bulwark.cli;

import dev.bulwark.core.Severity;
import dev.bulwark.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bulwark image IMAGE}: the BW-M checks on a built image's config and files, and its packages' known
 * vulnerabilities when there is a database ({@code --db}, or the default one when it exists).
 */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Check a built image (docker-save tarball, OCI layout directory or tar): user, secrets, ports, setuid and world-writable"
        + " files, keys, shells and package managers, caches, OS end of life.")
final class ImageCommand implements Callable<Integer> {
  @Parameters(paramLabel = "IMAGE", description = "docker-save .tar, OCI layout directory or .tar, or a registry reference.") String image;

  @Option(names = Opt.INSECURE, description = "Plain HTTP or unverified TLS (self-signed certificates) for this registry, as Docker's insecure-registries; loopback registries always are.") boolean insecure;

  @Option(names = Opt.FORMAT, paramLabel = "NAME[=FILE]", description = Opt.FORMATS + " (repeatable).")
  List<String> formats = new ArrayList<>();

  @Option(names = Opt.FAIL_ON, paramLabel = "SEVERITY", defaultValue = Opt.IMAGE_FAIL_ON_DEFAULT, description = "Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = Opt.NO_FAIL, description = "Always exit 0 when the check itself worked.") boolean noFail;

  @Option(names = Opt.NO_COLOR, description = "Plain output.") boolean noColor;

  @Option(names = Opt.PLATFORM, paramLabel = "OS/ARCH[/VARIANT]") String platform;

  @Option(names = Opt.CONFIG, paramLabel = "FILE", description = ".bulwark.yaml whose ignore and severity settings apply.") Path config;

  @Option(names = Opt.DB, paramLabel = "DIR", description = "Vulnerability database directory (bulwark db import). Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db, used when it exists.")
  String db;

  @Option(names = Opt.BASE, paramLabel = "IMAGE", description = "The base image IMAGE is built on: vulnerabilities in its layers are counted apart.")
  String base;

  @Option(names = Opt.OFFLINE, description = "Never use the network: IMAGE and --base must be local.") boolean offline;

  @Option(names = Opt.SEVERITY, paramLabel = "SEVERITY[,SEVERITY…]", split = ",",
      description = "Only vulnerabilities rated one of these (critical, high, medium, low, unrated); repeatable. The image checks are not filtered.")
  List<String> severities = new ArrayList<>();

  @Option(names = Opt.IGNORE_UNFIXED, description = "Leave out vulnerabilities no fixed version is known for.") boolean ignoreUnfixed;

  @Option(names = Opt.VEX, paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX JSON: not_affected and fixed statements suppress (shown apart, with the justification). Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = Opt.IGNORE_FILE, paramLabel = "FILE", description = "Accepted vulnerabilities with reasons and expiry dates: .bulwarkignore.yaml, or Trivy's .trivyignore or .trivyignore.yaml. Default: .bulwarkignore.yaml in the working directory, when there is one.")
  Path ignoreFile;

  @Option(names = Opt.ONLY_BASE, description = "Only vulnerabilities of packages that came with the base image (needs --base), as Scout's --only-base.")
  boolean onlyBase;

  @Option(names = Opt.IGNORE_BASE, description = "Leave out vulnerabilities of packages that came with the base image (needs --base): what the Dockerfile added.")
  boolean ignoreBase;

  @Spec CommandSpec spec;

  /** What a {@code bulwark image} command line asks for, however it was parsed. */
  record Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config,
      boolean insecure, String db, String base, boolean offline, List<String> severities, boolean ignoreUnfixed, List<Path> vex, Path ignoreFile,
      boolean onlyBase, boolean ignoreBase) {
    /** Every layer's vulnerabilities. */
    Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config, boolean insecure,
        String db, String base, boolean offline, List<String> severities, boolean ignoreUnfixed, List<Path> vex, Path ignoreFile) {
      this(image, formats, failOn, noFail, noColor, platform, config, insecure, db, base, offline, severities, ignoreUnfixed, vex, ignoreFile, false,
          false);
    }

    /** Without VEX or an explicit ignore file (the default one is still read). */
    Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config, boolean insecure,
        String db, String base, boolean offline, List<String> severities, boolean ignoreUnfixed) {
      this(image, formats, failOn, noFail, noColor, platform, config, insecure, db, base, offline, severities, ignoreUnfixed, List.of(), null);
    }

    Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config, boolean insecure) {
      this(image, formats, failOn, noFail, noColor, platform, config, insecure, null, null, false);
    }

    /** Without vulnerability filters (the fast path reads no --severity or --ignore-unfixed: picocli does). */
    Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config, boolean insecure,
        String db, String base, boolean offline) {
      this(image, formats, failOn, noFail, noColor, platform, config, insecure, db, base, offline, List.of(), false);
    }
  }

  Options options() {
    return new Options(image, List.copyOf(formats), failOn, noFail, noColor, platform, config, insecure, db, base, offline, List.copyOf(severities),
        ignoreUnfixed, List.copyOf(vex), ignoreFile, onlyBase, ignoreBase);
  }

  /** A database older than this gets a warning: feeds publish daily, a week misses real advisories. */
  static final java.time.Duration STALE = java.time.Duration.ofDays(7);

  @Override
  public Integer call() throws IOException {
    return UsageException.run(spec, (out, err) -> run(options(), out, err));
  }

  /**
   * Writes the report in each format, and with a vulnerability check ({@code vulns}, may be null) its notices and
   * summary sentence: under the table for a person, on stderr when stdout is a document. {@code layered}: the target
   * has layers, so the sentence speaks of a base image (an SBOM file does not).
   */
  static void write(Scanner.Result result, Scanner.ImageResult vulns, List<Scanner.Output> outputs, boolean color, boolean layered, PrintWriter out,
      PrintWriter err) throws IOException {
    Scanner.write(result.report(), outputs, BulwarkCommand.Version::get, color, out);
    boolean ttyOnStdout = outputs.stream().anyMatch(x -> x.file() == null && x.format() == dev.bulwark.scan.OutputFormat.TTY);
    if (vulns != null) {
      for (String n : vulns.notices()) err.println("bulwark: warning: " + n);
      // the summary sentence: under the table for a person, on stderr when stdout is a document
      if (ttyOnStdout) {
        out.println(vulns.summary().sentence(layered));
        out.flush();
      } else {
        err.println("bulwark: " + vulns.summary().sentence(layered));
      }
    }
    if (!ttyOnStdout) {
      // the other formats carry the warnings inside the document; say it where a person will see it too (as `bulwark sbom` does)
      for (var f : result.report().files()) {
        for (String w : f.warnings()) {
          err.println("bulwark: warning: incomplete " + (layered ? "image check" : "SBOM") + ": " + Failures.oneLine(w));
        }
      }
    }
  }

  static int run(Options o, PrintWriter out, PrintWriter err) throws IOException, UsageException {
    Severity threshold = Scan.threshold(o.failOn(), "");
    List<Scanner.Output> outputs = OutputTarget.parseAll(o.formats());
    OutputTarget.checkWritable(outputs);
    if (o.config() != null) {
      OutputTarget.checkReadable(Opt.CONFIG, o.config());
    }
    if (o.offline()) {
      for (String img : o.base() == null ? List.of(o.image()) : List.of(o.image(), o.base())) {
        if (!dev.bulwark.scan.ImageInput.isLocal(img)) throw new UsageException("--offline: " + img + " is not a local image (a path or an OCI layout)");
      }
    }
    Path dbFile = o.db() != null ? DbCommand.file(o.db()) : DbCommand.file(null);
    boolean matching = o.db() != null || java.nio.file.Files.exists(dbFile);
    if (o.base() != null && !matching) throw new UsageException(Opt.BASE + " splits vulnerabilities, and there is no vulnerability database (" + Opt.DB + ")");
    if (o.onlyBase() && o.ignoreBase()) throw new UsageException(Opt.ONLY_BASE + " and " + Opt.IGNORE_BASE + " exclude each other");
    if ((o.onlyBase() || o.ignoreBase()) && o.base() == null) {
      throw new UsageException((o.onlyBase() ? Opt.ONLY_BASE : Opt.IGNORE_BASE) + " needs " + Opt.BASE
          + " IMAGE: which layers are the base image's is not guessed from the history");
    }
    var layers = o.onlyBase() ? dev.bulwark.scan.Vulnerabilities.Filter.Layers.ONLY_BASE
        : o.ignoreBase() ? dev.bulwark.scan.Vulnerabilities.Filter.Layers.IGNORE_BASE : dev.bulwark.scan.Vulnerabilities.Filter.Layers.ALL;
    dev.bulwark.scan.Vulnerabilities.Filter filter = new dev.bulwark.scan.Vulnerabilities.Filter(VulnsCommand.severities(o.severities()), o.ignoreUnfixed(),
        layers);
    if (!filter.equals(dev.bulwark.scan.Vulnerabilities.Filter.ALL) && !matching) {
      throw new UsageException(Opt.SEVERITY + " and " + Opt.IGNORE_UNFIXED + " filter vulnerabilities, and there is no vulnerability database (" + Opt.DB + ")");
    }
    Triaging.requireMatching(o.vex(), o.ignoreFile(), matching);
    Scanner.ImageScan scan = new Scanner.ImageScan(o.image(), o.platform(), o.insecure(), o.config());
    Scanner.Result result;
    Scanner.ImageResult vulns = null;
    if (matching) {
      // an image has no project directory: the working directory's ignore file, as Trivy reads .trivyignore
      dev.bulwark.scan.TriageFiles.Loaded triage = Triaging.load(o.vex(), o.ignoreFile(), null, Triaging.today());
      vulns = Triaging.withWarnings(new Scanner().scan(scan, new Scanner.VulnCheck(dbFile, o.base(), STALE, filter).withTriage(triage.steps())), triage);
      result = vulns.result();
    } else {
      result = new Scanner().scan(scan);
    }
    write(result, vulns, outputs, !o.noColor() && Terminal.colorsWanted(), true, out, err);
    return !o.noFail() && result.fails(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
