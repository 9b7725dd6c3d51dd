package dev.bulwark.cli;

import dev.bulwark.scan.ImageInput;
import dev.bulwark.scan.Scanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.bulwark.sbom.Sbom;
import dev.bulwark.sbom.SbomWriters;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark sbom IMAGE}: the installed OS packages of a saved image or OCI layout. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
    description = "List the packages in an image: a `docker save` tarball, an OCI image layout directory, or a tar of one. No daemon needed.")
final class SbomCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    table,
    json,
    cyclonedx,
    spdx
  }

  @Parameters(paramLabel = "IMAGE", description = "docker-save .tar, OCI layout directory or .tar, or a registry reference (pulled, no daemon).")
  String image;

  @Option(names = Opt.INSECURE, description = "Plain HTTP or unverified TLS (self-signed certificates) for this registry, as Docker's insecure-registries; loopback registries always are.")
  boolean insecure;

  @Option(names = Opt.FORMAT, defaultValue = Opt.SBOM_FORMAT_DEFAULT, description = "table, json, cyclonedx (1.6 JSON) or spdx (2.3 JSON). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = Opt.PLATFORM, paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of a multi-platform index. Default: the host's.")
  String platform;

  @Option(names = Opt.VULNS, description = "With --format cyclonedx: add the packages' known vulnerabilities (a CycloneDX vulnerabilities section,"
      + " VEX analysis for the suppressed ones) from the vulnerability database.")
  boolean vulns;

  @Option(names = Opt.DB, paramLabel = "DIR", description = "Vulnerability database directory for --vulns (implies it). Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db.")
  String db;

  @Option(names = Opt.VEX, paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX JSON for --vulns: suppressed vulnerabilities get their analysis. Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = Opt.IGNORE_FILE, paramLabel = "FILE", description = "Accepted vulnerabilities for --vulns (.bulwarkignore.yaml, .trivyignore, .trivyignore.yaml). Default: .bulwarkignore.yaml in the working directory, when there is one.")
  Path ignoreFile;

  @Spec CommandSpec spec;

  /** What a {@code bulwark sbom} command line asks for, however it was parsed. */
  record Options(String image, Format format, String platform, boolean insecure, boolean vulns, String db, List<Path> vex, Path ignoreFile) {
    Options(String image, Format format, String platform, boolean insecure) {
      this(image, format, platform, insecure, false, null, List.of(), null);
    }

    boolean matching() {
      return vulns || db != null;
    }
  }

  Options options() {
    return new Options(image, format, platform, insecure, vulns, db, List.copyOf(vex), ignoreFile);
  }

  @Override
  public Integer call() throws IOException {
    return UsageException.run(spec, (out, err) -> run(options(), out, err));
  }

  static int run(Options o, PrintWriter out, PrintWriter err) throws IOException, UsageException {
    Sbom sbom;
    List<dev.bulwark.sbom.BomVulnerability> found = List.of();
    if (o.matching()) {
      if (o.format() != Format.cyclonedx) {
        throw new UsageException(Opt.VULNS + " (and " + Opt.DB + ") add a CycloneDX vulnerabilities section: use --format cyclonedx, or `bulwark image`"
            + " for a vulnerability report");
      }
      dev.bulwark.scan.TriageFiles.Loaded triage = Triaging.load(o.vex(), o.ignoreFile(), null, Triaging.today());
      Scanner.SbomVulns r = new Scanner().sbomVulns(new Scanner.ImageScan(o.image(), o.platform(), o.insecure(), null),
          new Scanner.VulnCheck(DbCommand.file(o.db()), null, ImageCommand.STALE).withTriage(triage.steps()));
      triage.warnings().forEach(w -> err.println("bulwark: warning: " + w));
      r.notices().forEach(n -> err.println("bulwark: warning: " + n));
      sbom = r.sbom();
      found = dev.bulwark.scan.VulnBom.of(r.outcome());
      err.println("bulwark: " + r.outcome().summary().sentence(false));
    } else {
      Triaging.requireMatching(o.vex(), o.ignoreFile(), false);
      ImageInput.Opened opened = ImageInput.open(o.image(), o.platform(), o.insecure());
      sbom = opened.image().sbom(opened.name());
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String version = BulwarkCommand.Version.get();
    out.print(switch (o.format()) {
      case table -> SbomWriters.table(sbom);
      case json -> SbomWriters.json(sbom);
      case cyclonedx -> SbomWriters.cyclonedx(sbom, version, now, found);
      case spdx -> SbomWriters.spdx(sbom, version, now);
    });
    out.flush();
    if (o.format() != Format.table) {
      // machine formats carry the gaps inside the document; say it where a person will see it too
      for (String gap : sbom.gaps()) {
        err.println("bulwark: warning: incomplete SBOM: " + gap);
      }
    }
    return ExitCodes.OK;
  }
}
