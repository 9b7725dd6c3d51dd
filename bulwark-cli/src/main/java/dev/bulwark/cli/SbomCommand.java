package dev.bulwark.cli;

import dev.bulwark.scan.ImageInput;

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

  @Spec CommandSpec spec;

  /** What a {@code bulwark sbom} command line asks for, however it was parsed. */
  record Options(String image, Format format, String platform, boolean insecure) {}

  Options options() {
    return new Options(image, format, platform, insecure);
  }

  @Override
  public Integer call() throws IOException {
    return run(options(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  static int run(Options o, PrintWriter out, PrintWriter err) throws IOException {
    ImageInput.Opened opened = ImageInput.open(o.image(), o.platform(), o.insecure());
    Sbom sbom = opened.image().sbom(opened.name());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String version = BulwarkCommand.Version.get();
    out.print(switch (o.format()) {
      case table -> SbomWriters.table(sbom);
      case json -> SbomWriters.json(sbom);
      case cyclonedx -> SbomWriters.cyclonedx(sbom, version, now);
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
