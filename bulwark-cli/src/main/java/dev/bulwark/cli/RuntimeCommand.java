package dev.bulwark.cli;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.runtime.RuntimeFormat;
import dev.bulwark.runtime.RuntimeProfile;
import dev.bulwark.runtime.RuntimeProfiles;
import dev.bulwark.scan.InputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark runtime PATH}: the locked-down docker run line, Compose service and Kubernetes manifests for an image. */
@Command(name = "runtime", mixinStandardHelpOptions = true,
    description = "Write the runtime settings that run the image of a Dockerfile locked down: a docker run line, a Compose"
        + " service with network isolation, and Kubernetes manifests meeting the Pod Security Standards' restricted level.")
final class RuntimeCommand implements Callable<Integer> {

  /** What to write: one format, or all three. */
  enum Format {
    run,
    compose,
    k8s,
    all
  }

  @Parameters(paramLabel = "PATH", description = "A Dockerfile, or a directory holding one named Dockerfile.")
  Path path;

  @Option(names = "--format", defaultValue = "all", description = "run, compose, k8s or all. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--image", paramLabel = "IMAGE", description = "The image to run. Default: NAME:0.1.0 (build it with `docker build -t NAME:0.1.0 .`).")
  String image;

  @Option(names = "--name", paramLabel = "NAME", description = "The container, service and workload name. Default: the Dockerfile's directory name.")
  String name;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write run.sh, compose.yaml and kubernetes.yaml (those --format names) into DIR instead of printing them.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path dockerfile = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
    byte[] bytes = InputFiles.readNamed(dockerfile);
    String service = name != null ? name : defaultName(dockerfile);
    BuildModel model = BuildModel.of(DockerfileParser.parse(bytes));
    RuntimeProfile profile = RuntimeProfiles.of(model, service, image != null ? image : defaultImage(service));
    List<RuntimeFormat> formats = format == Format.all ? List.of(RuntimeFormat.values())
        : List.of(RuntimeFormat.valueOf(format.name().toUpperCase(Locale.ROOT)));
    PrintWriter stdout = spec.commandLine().getOut();
    if (out != null) {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IOException("--out " + out + ": not a directory");
      }
      Files.createDirectories(out);
      for (RuntimeFormat f : formats) {
        Path file = out.resolve(f.fileName());
        Files.writeString(file, f.write(profile), StandardCharsets.UTF_8);
        stdout.println("wrote " + file);
      }
    } else {
      for (RuntimeFormat f : formats) {
        if (formats.size() > 1) {
          stdout.println("# ==> " + f.fileName() + " <==");
        }
        stdout.print(f.write(profile));
        if (formats.size() > 1) {
          stdout.println();
        }
      }
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private static String defaultName(Path dockerfile) {
    Path dir = dockerfile.toAbsolutePath().normalize().getParent();
    return dir == null || dir.getFileName() == null ? "app" : dir.getFileName().toString();
  }

  /** A versioned tag ({@code docker build -t NAME:0.1.0 .}): not the moving {@code latest}, and one that says which release runs. */
  static String defaultImage(String service) {
    return RuntimeProfiles.serviceName(service) + ":0.1.0";
  }
}
