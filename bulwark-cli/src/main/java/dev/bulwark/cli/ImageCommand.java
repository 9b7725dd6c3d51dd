package dev.bulwark.cli;

import dev.bulwark.image.Image;
import dev.bulwark.core.Finding;
import dev.bulwark.image.rules.ImageChecks;
import dev.bulwark.image.rules.ImageTarget;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark image IMAGE}: the BW-M checks on a built image's config and files. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Check a built image (docker-save tarball, OCI layout directory or tar): user, secrets, ports, setuid and world-writable"
        + " files, keys, shells and package managers, caches, OS end of life.")
final class ImageCommand implements Callable<Integer> {
  @Parameters(paramLabel = "IMAGE", description = "docker-save .tar, OCI layout directory or .tar, or a registry reference.") String image;

  @Option(names = "--insecure", description = "Plain HTTP or unverified TLS (self-signed certificates) for this registry, as Docker's insecure-registries; loopback registries always are.") boolean insecure;

  @Option(names = "--format", paramLabel = "NAME[=FILE]", description = "tty, json, sarif, junit, gitlab, checkstyle or markdown (repeatable).")
  List<String> formats = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high", description = "Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = "--no-fail", description = "Always exit 0 when the check itself worked.") boolean noFail;

  @Option(names = "--no-color", description = "Plain output.") boolean noColor;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]") String platform;

  @Option(names = "--config", paramLabel = "FILE", description = ".bulwark.yaml whose ignore and severity settings apply.") Path config;

  @Spec CommandSpec spec;

  /** What a {@code bulwark image} command line asks for, however it was parsed. */
  record Options(String image, List<String> formats, String failOn, boolean noFail, boolean noColor, String platform, Path config,
      boolean insecure) {}

  Options options() {
    return new Options(image, List.copyOf(formats), failOn, noFail, noColor, platform, config, insecure);
  }

  @Override
  public Integer call() throws IOException {
    try {
      return run(options(), spec.commandLine().getOut());
    } catch (UsageException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static int run(Options o, PrintWriter out) throws IOException, UsageException {
    Severity threshold;
    try {
      threshold = Severity.parse(o.failOn());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<OutputTarget> outputs = OutputTarget.parseAll(o.formats());
    LintConfig settings;
    try {
      settings = o.config() == null ? LintConfig.DEFAULT : ConfigFinder.load(o.config()).config();
    } catch (LintConfig.ConfigException e) {
      throw new IOException(e.getMessage());
    }
    Image img = ImageInput.open(o.image(), o.platform(), o.insecure()).image();
    List<Finding> findings = ImageChecks.linter().lint(ImageTarget.of(o.image(), img, settings));
    ScanReport report = new ScanReport(List.of(FileReport.ofImage(o.image(), findings)));
    for (OutputTarget target : outputs) {
      var writer = Scan.writerFor(target, o.noColor());
      if (target.file() == null) {
        writer.write(report, out);
        out.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(target.file(), StandardCharsets.UTF_8)) {
          writer.write(report, w);
        }
      }
    }
    return !o.noFail() && report.failsAt(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
