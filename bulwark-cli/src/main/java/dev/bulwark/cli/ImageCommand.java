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

/** {@code bulwark image IMAGE}: the BW-M checks on a built image's config and files. */
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
      return run(options(), spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (UsageException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static int run(Options o, PrintWriter out, PrintWriter err) throws IOException, UsageException {
    Severity threshold = Scan.threshold(o.failOn(), "");
    List<Scanner.Output> outputs = OutputTarget.parseAll(o.formats());
    OutputTarget.checkWritable(outputs);
    if (o.config() != null) {
      OutputTarget.checkReadable(Opt.CONFIG, o.config());
    }
    Scanner.Result result = new Scanner().scan(new Scanner.ImageScan(o.image(), o.platform(), o.insecure(), o.config()));
    Scanner.write(result.report(), outputs, BulwarkCommand.Version::get, !o.noColor() && Terminal.colorsWanted(), out);
    boolean ttyOnStdout = outputs.stream().anyMatch(x -> x.file() == null && x.format() == dev.bulwark.scan.OutputFormat.TTY);
    if (!ttyOnStdout) {
      // the other formats carry the warnings inside the document; say it where a person will see it too (as `bulwark sbom` does)
      for (var f : result.report().files()) {
        for (String w : f.warnings()) {
          err.println("bulwark: warning: incomplete image check: " + Failures.oneLine(w));
        }
      }
    }
    return !o.noFail() && result.fails(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
