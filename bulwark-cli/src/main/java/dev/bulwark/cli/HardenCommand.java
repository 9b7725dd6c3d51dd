package dev.bulwark.cli;

import dev.bulwark.harden.Harden;
import dev.bulwark.harden.HardenOptions;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import dev.bulwark.report.Escape;
import dev.bulwark.scan.InputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bulwark harden PATH}: the user's Dockerfile rewritten into hardened multi-stage variants.
 * The I/O of harden: it reads the Dockerfile and the project's manifests beside it, and prints or
 * writes what the pure {@link Harden} gives.
 */
@Command(name = "harden", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Rewrite a Dockerfile into hardened multi-stage variants that keep its build: a distroless (recommended), Alpine,"
        + " Chainguard or scratch runtime stage with a numeric non-root user, an exec-form start command, remapped privileged ports and"
        + " OCI labels. What cannot be carried over stays as a TODO comment and is listed on stderr.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the variant(s) were written (with --variant all: at least one; refusals are listed on stderr)",
        "2:usage or input error: a missing file, a Dockerfile that does not parse, a refused variant (Windows, a non-static app on scratch…)",
        "3:internal error: a bug in Bulwark (run with --debug for the trace), or out of memory"})
final class HardenCommand implements Callable<Integer> {
  /** Manifests read whole; lock files are only looked for (their presence decides npm ci, cargo --locked). */
  private static final List<String> MANIFESTS = List.of("go.mod", "requirements.txt", "pyproject.toml", "Pipfile", "package.json", "pom.xml",
      "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "Cargo.toml");
  private static final List<String> LOCKS = List.of("go.sum", "uv.lock", "poetry.lock", "Pipfile.lock", "package-lock.json",
      "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock");
  private static final long MAX_MANIFEST = 1024 * 1024;

  @Parameters(paramLabel = "PATH", description = "A Dockerfile, or a directory holding one named Dockerfile (its build context).")
  Path path;

  @Option(names = "--variant", paramLabel = "NAME", defaultValue = "distroless",
      description = "distroless, alpine, chainguard, scratch or all. Default: ${DEFAULT-VALUE}.")
  String variant;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write DIR/Dockerfile.<variant> (and DIR/.dockerignore, merged into the one there or the context's) instead of printing.")
  Path out;

  @Option(names = "--diff", description = "Print each variant as a unified diff against the original Dockerfile.")
  boolean diff;

  @Option(names = "--pin-digest", description = "Pin every image the variants name (FROM, COPY --from) to the digest its tag points to now, asked of its registry (as `fix --pin-digest`).")
  boolean pinDigest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<Variant> variants = new ArrayList<>();
    if (variant.equalsIgnoreCase("all")) {
      variants.addAll(List.of(Variant.values()));
    } else if (Variant.of(variant) != null) {
      variants.add(Variant.of(variant));
    } else {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--variant: '" + variant + "' is not one of distroless, alpine, chainguard, scratch, all");
    }
    if (diff && out != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--diff and --out: choose one");
    }
    Path dockerfile = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
    String text = new String(InputFiles.readNamed(dockerfile), StandardCharsets.UTF_8);
    Path context = dockerfile.toAbsolutePath().getParent();
    Map<String, String> project = projectFiles(context);
    String title = context.getFileName() == null ? "app" : context.getFileName().toString();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int written = 0;
    List<HardenResult> results = new ArrayList<>();
    DigestPins pins = pinDigest ? new DigestPins(new dev.bulwark.image.registry.RegistryClient(
        dev.bulwark.image.registry.Credentials.fromDockerConfig(), java.util.Set.of(), dev.bulwark.image.source.ImageLimits.DEFAULT), err) : null;
    for (Variant v : variants) {
      results.add(Harden.harden(text, project, v, new HardenOptions(title, pins == null ? null : pins.lookup(dockerfile.toString()), healthPath(context))));
    }
    if (out != null) {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IOException("--out " + out + ": not a directory");
      }
      if (results.stream().anyMatch(r -> r instanceof HardenResult.Hardened)) {
        Files.createDirectories(out); // nothing is created when every variant is refused
      }
    }
    for (HardenResult r : results) {
      String label = dockerfile + ": " + r.variant().id();
      if (r instanceof HardenResult.Refused refused) {
        err.println(Escape.terminal("bulwark: error: " + label + ": not hardened (" + refused.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + refused.message()));
        continue;
      }
      HardenResult.Hardened h = (HardenResult.Hardened) r;
      for (HardenResult.Note n : h.notes()) {
        err.println(Escape.terminal(label + ": " + (n.todo() ? "TODO: " : "note: ") + n.message()));
      }
      written++;
      if (out != null) {
        Path file = out.resolve("Dockerfile." + r.variant().id());
        Files.writeString(file, h.text(), StandardCharsets.UTF_8);
        stdout.println("wrote " + file);
      } else if (diff) {
        stdout.print(UnifiedDiff.of(dockerfile.toString(), text, h.text()));
      } else {
        if (results.size() > 1) {
          stdout.println("# ==> Dockerfile." + r.variant().id() + " <==");
        }
        stdout.print(h.text());
        if (results.size() > 1) {
          stdout.println();
        }
      }
    }
    if (out != null && written > 0) {
      writeDockerignore(out, context, text, project, stdout);
    }
    stdout.flush();
    err.flush();
    return written == 0 ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
  }

  /**
   * Writes {@code out/.dockerignore}: the language's entries merged into the one already there (or
   * the context's), never overwriting a line of it; nothing is written when nothing would change.
   */
  static void writeDockerignore(Path out, Path context, String dockerfile, Map<String, String> project, PrintWriter stdout) throws IOException {
    Path ignore = out.resolve(".dockerignore");
    Path existing = Files.isRegularFile(ignore) ? ignore : context.resolve(".dockerignore");
    String before = Files.isRegularFile(existing) ? new String(InputFiles.read(existing), StandardCharsets.UTF_8) : null;
    String merged = Harden.dockerignore(dockerfile, project, before);
    if (!merged.equals(before == null ? "" : before) || !Files.exists(ignore)) {
      Files.writeString(ignore, merged, StandardCharsets.UTF_8);
      stdout.println("wrote " + ignore);
    }
  }

  private static final java.util.regex.Pattern HEALTH = java.util.regex.Pattern.compile("[\"'`](/(?:healthz|health|livez|readyz|ping))[\"'`]");
  private static final int MAX_SOURCES = 200;

  /**
   * The health path the app's sources name ({@code "/healthz"} in a Go, Python, JS/TS, Java, Kotlin or
   * C# file near the top of the context), or null: the Alpine variant's HEALTHCHECK asks it.
   */
  static String healthPath(Path context) throws IOException {
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(context, 6)) {
      sources = walk.filter(p -> p.toString().matches(".*\\.(go|py|js|mjs|ts|java|kt|cs)$") && !p.toString().contains("/node_modules/")
          && !p.toString().contains("/.git/") && Files.isRegularFile(p)).limit(MAX_SOURCES).toList();
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
    for (Path p : sources) {
      if (Files.size(p) > MAX_MANIFEST) {
        continue;
      }
      java.util.regex.Matcher m = HEALTH.matcher(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /** The manifests at the top of the build context, and the names of its lock files and project files (*.csproj). */
  static Map<String, String> projectFiles(Path context) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (String name : MANIFESTS) {
      Path p = context.resolve(name);
      if (Files.isRegularFile(p) && Files.size(p) <= MAX_MANIFEST) {
        files.put(name, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
    }
    for (String name : LOCKS) {
      if (Files.isRegularFile(context.resolve(name))) {
        files.put(name, "");
      }
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(context, "*.{csproj,fsproj}")) {
      for (Path p : dir) {
        if (Files.isRegularFile(p) && Files.size(p) <= MAX_MANIFEST) {
          files.put(p.getFileName().toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }
}
