package dev.bulwark.cli;

import dev.bulwark.image.Image;
import dev.bulwark.image.ImageConfig;
import dev.bulwark.runtime.BuiltImage;
import dev.bulwark.scan.ImageInput;
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
    description = "Write the runtime settings that run an image locked down: a docker run line, a Compose service with network"
        + " isolation, and Kubernetes manifests meeting the Pod Security Standards' restricted level. From a Dockerfile, or"
        + " from a built image (its config and /etc/passwd say what it really runs as, serves and writes).")
final class RuntimeCommand implements Callable<Integer> {

  /** What to write: one format, or all three. */
  enum Format {
    run,
    compose,
    k8s,
    all
  }

  @Parameters(paramLabel = "PATH", description = "A Dockerfile, a directory holding one named Dockerfile, or a built image: a"
      + " docker-save tarball or an OCI layout (directory or tar).")
  Path path;

  @Option(names = Opt.PLATFORM, paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of a multi-platform index. Default: the host's.")
  String platform;

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
    RuntimeProfile profile = isBuiltImage(path) ? fromImage() : fromDockerfile();
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

  private RuntimeProfile fromDockerfile() throws IOException {
    Path dockerfile = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
    byte[] bytes = InputFiles.readNamed(dockerfile);
    String service = name != null ? name : defaultName(dockerfile);
    BuildModel model = BuildModel.of(DockerfileParser.parse(bytes));
    return RuntimeProfiles.of(model, service, image != null ? image : defaultImage(service));
  }

  private RuntimeProfile fromImage() throws IOException {
    ImageInput.Opened opened = ImageInput.open(path.toString(), platform, false);
    Image img = opened.image();
    ImageConfig c = img.manifest().config();
    ImageConfig.Health h = c.health();
    BuiltImage built = new BuiltImage(c.user(), c.exposedPorts(), c.volumes(), h == null ? null : h.test(), h == null ? 0 : h.intervalNanos(),
        h == null ? 0 : h.timeoutNanos(), h == null ? 0 : h.startPeriodNanos(), h == null ? 0 : h.retries(), text(img, "etc/passwd"),
        text(img, "etc/group"));
    List<String> tags = img.manifest().tags();
    String ref = image != null ? image : !tags.isEmpty() ? tags.getFirst() : null;
    String service = name != null ? name : ref != null ? repositoryName(ref) : "app";
    return RuntimeProfiles.ofImage(built, service, ref != null ? ref : defaultImage(service));
  }

  private static String text(Image img, String file) {
    return img.files().content(file).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
  }

  /** {@code ghcr.io/acme/api:2.0.1} → {@code api}: the last path segment, without tag or digest. */
  static String repositoryName(String reference) {
    String r = reference;
    int at = r.indexOf('@');
    if (at >= 0) {
      r = r.substring(0, at);
    }
    int slash = r.lastIndexOf('/');
    int colon = r.lastIndexOf(':');
    if (colon > slash) {
      r = r.substring(0, colon);
    }
    return r.substring(slash + 1);
  }

  /**
   * A built image rather than a Dockerfile: a directory with an OCI layout ({@code oci-layout} or
   * {@code index.json}) and no Dockerfile, or a file that starts as a tar (ustar magic) or gzip.
   */
  static boolean isBuiltImage(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return !Files.exists(path.resolve("Dockerfile")) && (Files.exists(path.resolve("oci-layout")) || Files.exists(path.resolve("index.json")));
    }
    if (!Files.isRegularFile(path)) {
      return false;
    }
    byte[] head = new byte[263];
    int n;
    try (java.io.InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    }
    boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    boolean tar = n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    return gzip || tar;
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
