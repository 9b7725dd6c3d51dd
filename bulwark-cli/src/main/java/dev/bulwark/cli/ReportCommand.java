package dev.bulwark.cli;

import dev.bulwark.core.Severity;
import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.guide.GradeFacts;
import dev.bulwark.guide.Guide;
import dev.bulwark.guide.GuideInput;
import dev.bulwark.guide.GuideJson;
import dev.bulwark.guide.HtmlGuide;
import dev.bulwark.guide.MarkdownGuide;
import dev.bulwark.guide.Grade;
import dev.bulwark.harden.Harden;
import dev.bulwark.harden.HardenOptions;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import dev.bulwark.image.Image;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import dev.bulwark.runtime.RuntimeFormat;
import dev.bulwark.runtime.RuntimeProfile;
import dev.bulwark.runtime.RuntimeProfiles;
import dev.bulwark.scan.ImageInput;
import dev.bulwark.scan.InputFiles;
import dev.bulwark.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark report PATH}: the security guide. The I/O of the guide: it scans the project,
 * hardens the Dockerfile (writing the variants where the guide says they are), scans each variant,
 * reads the built images it is given, and hands the values to the pure {@link Guide}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write the security guide for a project: its findings grouped by severity and what is already done well, the hardened"
        + " variants and why, how to build and scan them, a comparison table, runtime settings, CI snippets, the expected results from"
        + " scanning the variants, the grade before and after, and a maintenance timeline. Writes the variants into --variants-dir.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the guide was written", "2:usage or input error: no Dockerfile, one that does not parse, an unreadable image",
        "3:internal error: a bug in Bulwark (run with --debug for the trace), or out of memory"})
final class ReportCommand implements Callable<Integer> {

  enum Format {
    md,
    html,
    json
  }

  @Parameters(paramLabel = "PATH", description = "The project: a directory holding a Dockerfile, or the Dockerfile itself (its directory is the project).")
  Path path;

  @Option(names = "--image", paramLabel = "[LABEL=]IMAGE",
      description = "A built image to measure (user, size, shells, vulnerabilities with a database): LABEL is original (the default) or a"
          + " variant (distroless, alpine, chainguard, scratch). Repeatable. A docker-save tarball, an OCI layout or a registry reference.")
  List<String> images = new ArrayList<>();

  @Option(names = Opt.DB, paramLabel = "DIR", description = "Vulnerability database directory. Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db, used when it exists.")
  String db;

  @Option(names = Opt.BASE, paramLabel = "[LABEL=]IMAGE",
      description = "The base image an --image of the same LABEL (default original) is built on: its vulnerabilities in the base's layers"
          + " are counted apart, as `bulwark image --base` does. Repeatable, one per label.")
  List<String> bases = new ArrayList<>();

  @Option(names = Opt.VEX, paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX JSON for the --image vulnerabilities: not_affected and fixed statements suppress. Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = Opt.IGNORE_FILE, paramLabel = "FILE", description = "Accepted vulnerabilities with reasons and expiry dates (judged on --as-of): .bulwarkignore.yaml, .trivyignore or .trivyignore.yaml. Default: the project's .bulwarkignore.yaml, when it has one.")
  Path ignoreFile;

  @Option(names = "--format", defaultValue = "md", description = "md, html or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the guide to FILE instead of standard output.")
  Path out;

  @Option(names = "--variants-dir", paramLabel = "DIR", defaultValue = "hardened",
      description = "Where the hardened variants are written, relative to the project. Default: ${DEFAULT-VALUE}.")
  String variantsDir;

  @Option(names = "--explain-grade", description = "Print only the grade's breakdown, before and after hardening.")
  boolean explainGrade;

  @Option(names = "--badge", paramLabel = "FILE", description = "Also write the grade as an SVG badge for a README.")
  Path badge;

  @Option(names = "--rule-docs", paramLabel = "BASE",
      description = "Link each rule to BASE<ID>.md (a URL, or a path relative to the guide, e.g. ../../docs/rules/). Default: show `bulwark explain ID`.")
  String ruleDocs;

  @Option(names = "--as-of", paramLabel = "DATE", description = "Judge end-of-life dates on this day (YYYY-MM-DD). Default: today.")
  LocalDate asOf;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path dockerfile = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
    Path context = dockerfile.toAbsolutePath().normalize().getParent();
    String text = new String(InputFiles.readNamed(dockerfile), StandardCharsets.UTF_8);
    BuildModel model = BuildModel.of(DockerfileParser.parse(text.getBytes(StandardCharsets.UTF_8)));
    if (model.finalStage().isEmpty()) {
      throw new IOException(dockerfile + ": no FROM: there is no image to report on");
    }
    if (variantsDir.isBlank() || Path.of(variantsDir).isAbsolute() || variantsDir.contains("..")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--variants-dir: a directory inside the project, e.g. hardened");
    }
    LocalDate day = asOf != null ? asOf : LocalDate.now(java.time.ZoneOffset.UTC);
    String project = context.getFileName() == null ? "app" : context.getFileName().toString();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, ImageRef> refs = labelled(images, "--image");
    Map<String, ImageRef> baseRefs = labelled(bases, Opt.BASE);
    for (String label : baseRefs.keySet()) {
      if (!refs.containsKey(label)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Opt.BASE + ": no --image labelled " + label + " to split");
      }
    }

    // the variants, written where the guide's commands expect them
    Map<String, String> manifests = HardenCommand.projectFiles(context);
    Path variants = context.resolve(variantsDir);
    List<HardenResult> results = Harden.all(text, manifests, new HardenOptions(project, null, HardenCommand.healthPath(context)));
    if (results.stream().anyMatch(r -> r instanceof HardenResult.Hardened)) {
      Files.createDirectories(variants);
      for (HardenResult r : results) {
        if (r instanceof HardenResult.Hardened h) {
          Path file = variants.resolve("Dockerfile." + r.variant().id());
          if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(h.text())) {
            Files.writeString(file, h.text(), StandardCharsets.UTF_8);
            err.println("bulwark: wrote " + file);
          }
        }
      }
      PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
      HardenCommand.writeDockerignore(variants, context, text, manifests, quiet);
    }

    // the scans: the project without the variants, then each variant as `bulwark scan FILE` reports it
    Scanner scanner = new Scanner();
    ScanReport projectScan = relative(scanner.scan(new Scanner.DockerfileScan(List.of(context), List.of(variantsDir + "/"), null, null, null)).report(), context);
    String dockerfileName = context.relativize(dockerfile.toAbsolutePath().normalize()).toString();
    // the guide is about this Dockerfile and the settings beside it: other Dockerfiles (a subproject's, a Dockerfile.dev) are not its findings
    projectScan = new ScanReport(projectScan.files().stream().filter(f -> f.path().equals(dockerfileName) || !dev.bulwark.scan.DockerfileFinder.isDockerfileName(Path.of(f.path()).getFileName().toString())).toList());
    FileReport dockerfileScan = projectScan.files().stream().filter(f -> f.path().equals(dockerfileName)).findFirst().orElse(null);
    if (dockerfileScan == null) {
      // a Dockerfile the directory search does not find by its name (app.dockerfile given as PATH): scanned alone
      dockerfileScan = relative(scan(scanner, dockerfile), context).files().getFirst();
      List<FileReport> files = new ArrayList<>(projectScan.files());
      files.addFirst(dockerfileScan);
      projectScan = new ScanReport(files);
    }
    boolean dockerignore = Files.isRegularFile(context.resolve(".dockerignore"));
    List<GuideInput.VariantOutcome> outcomes = new ArrayList<>();
    Map<Variant, BuildModel> written = new java.util.EnumMap<>(Variant.class);
    for (HardenResult r : results) {
      String file = variantsDir + "/Dockerfile." + r.variant().id();
      if (r instanceof HardenResult.Hardened h) {
        FileReport scanned = relative(scan(scanner, context.resolve(file)), context).files().getFirst();
        BuildModel vm = BuildModel.of(DockerfileParser.parse(h.text().getBytes(StandardCharsets.UTF_8)));
        boolean ignored = dockerignore || Files.isRegularFile(variants.resolve(".dockerignore"));
        outcomes.add(new GuideInput.VariantOutcome(r.variant(), file, r, scanned, runtime(vm, ignored)));
        written.put(r.variant(), vm);
      } else {
        outcomes.add(new GuideInput.VariantOutcome(r.variant(), file, r, null, null));
      }
    }
    // the runtime settings run the variant the guide recommends (or the original when every variant was refused)
    Variant recommended = GuideInput.recommended(outcomes).map(GuideInput.VariantOutcome::variant).orElse(null);
    String tag = project.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + ":" + (recommended == null ? "original" : recommended.id());
    RuntimeProfile profile = RuntimeProfiles.of(recommended == null ? model : written.get(recommended), project, tag);
    GuideInput.RuntimeSnippets snippets = new GuideInput.RuntimeSnippets(tag, RuntimeFormat.RUN.write(profile), RuntimeFormat.COMPOSE.write(profile),
        RuntimeFormat.K8S.write(profile));

    Map<String, GuideInput.ImageFacts> measured = new LinkedHashMap<>();
    dev.bulwark.scan.TriageFiles.Loaded triage = dev.bulwark.scan.TriageFiles.Loaded.NONE;
    if (db != null || Files.exists(DbCommand.file(db))) {
      triage = Triaging.load(vex, ignoreFile, context, day);
      triage.warnings().forEach(w -> err.println("bulwark: warning: " + w));
    } else if (!vex.isEmpty() || ignoreFile != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), Opt.VEX + " and " + Opt.IGNORE_FILE
          + " triage the --image vulnerabilities, and there is no vulnerability database (" + Opt.DB + ")");
    }
    for (Map.Entry<String, ImageRef> e : refs.entrySet()) {
      ImageRef base = baseRefs.get(e.getKey());
      measured.put(e.getKey(), measure(e.getValue().reference(), base == null ? null : base.reference(), triage, err));
    }

    GuideInput input = new GuideInput(project, dockerfileName, variantsDir, projectScan, dockerfileScan, runtime(model, dockerignore), outcomes,
        snippets, measured, day, ruleDocs == null || ruleDocs.endsWith("/") || ruleDocs.isEmpty() ? ruleDocs : ruleDocs + "/");
    Guide guide = Guide.of(input);
    if (badge != null) {
      Grade.Result shown = guide.gradeBefore();
      Files.writeString(badge, Grade.badge(shown), StandardCharsets.UTF_8);
    }
    String rendered;
    if (explainGrade) {
      rendered = MarkdownGuide.gradeBreakdown(guide);
    } else {
      rendered = switch (format) {
        case md -> MarkdownGuide.render(guide);
        case html -> HtmlGuide.render(guide);
        case json -> GuideJson.render(guide);
      };
    }
    if (out != null && !explainGrade) {
      Files.writeString(out, rendered, StandardCharsets.UTF_8);
      err.println("bulwark: wrote " + out + " (" + Guide.sentence(guide.counts()) + " issues; grade " + guide.gradeBefore().letter()
          + guide.recommended().map(v -> " → " + v.grade().letter() + " with " + v.outcome().file()).orElse("") + ")");
    } else {
      stdout.print(rendered);
    }
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  record ImageRef(String label, String reference) {}

  /** {@code [LABEL=]IMAGE} arguments by label (original when none is given); a label twice is a usage error. */
  private Map<String, ImageRef> labelled(List<String> args, String option) {
    Map<String, ImageRef> m = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String label = "original";
      String ref = arg;
      if (eq > 0 && (arg.substring(0, eq).equals("original") || Variant.of(arg.substring(0, eq)) != null)) {
        label = arg.substring(0, eq);
        ref = arg.substring(eq + 1);
      }
      if (m.containsKey(label)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + ": two images labelled " + label);
      }
      m.put(label, new ImageRef(label, ref));
    }
    return m;
  }

  private static Scanner.Result scanResult(Scanner scanner, Path file) throws IOException {
    return scanner.scan(new Scanner.DockerfileScan(List.of(file), List.of(), null, null, null));
  }

  private static ScanReport scan(Scanner scanner, Path file) throws IOException {
    return scanResult(scanner, file).report();
  }

  /** Paths as the reader types them in the project's directory. */
  private static ScanReport relative(ScanReport report, Path context) {
    List<FileReport> files = new ArrayList<>();
    for (FileReport f : report.files()) {
      Path p = Path.of(f.path()).toAbsolutePath().normalize();
      String shown = p.startsWith(context) ? context.relativize(p).toString() : f.path();
      files.add(new FileReport(shown, f.kind(), f.findings(), f.source(), f.error(), f.purpose(), f.warnings()));
    }
    return new ScanReport(files);
  }

  /** The facts of a Dockerfile's runtime stage the guide needs. */
  static GuideInput.Runtime runtime(BuildModel model, boolean dockerignore) {
    Stage last = model.finalStage().orElseThrow();
    Stage s = model.rootOf(last);
    boolean scratch = s.base() instanceof dev.bulwark.dockerfile.model.BaseImage.Scratch;
    // as written (alpine:latest, not docker.io/library/alpine:latest): the reader finds it in the file
    String base = scratch ? "scratch" : s.from().image();
    BaseImage known = s.baseImage().flatMap(r -> BaseImageCatalog.get().lookup(r)).orElse(null);
    CommandLine start = last.entrypoint() != null ? last.entrypoint() : last.cmd();
    // a separate runtime stage: the final stage starts from its own base and copies what an earlier stage built
    // (a final stage FROM another stage keeps everything that stage installed)
    boolean separate = model.isMultiStage() && !(last.base() instanceof dev.bulwark.dockerfile.model.BaseImage.Stage) && !last.copyFrom().isEmpty();
    return new GuideInput.Runtime(base, known, scratch, separate, last.finalState().user(), last.healthcheck() != null, dockerignore,
        start instanceof CommandLine.Exec, s.from().instruction().span().startLine());
  }

  private static final List<String> SHELLS = List.of("bin/sh", "bin/bash", "bin/ash", "bin/dash", "bin/busybox", "usr/bin/bash");
  private static final List<String> PACKAGE_MANAGERS = List.of("sbin/apk", "usr/bin/apt-get", "usr/bin/dpkg", "usr/bin/dnf", "usr/bin/yum",
      "usr/bin/microdnf", "usr/bin/rpm", "usr/bin/pip", "usr/local/bin/pip");

  /** Reads a built image: its user, compressed size, shells, package managers, executables, and vulnerabilities when a database exists. */
  private GuideInput.ImageFacts measure(String reference, String baseImage, dev.bulwark.scan.TriageFiles.Loaded triage, PrintWriter err) throws IOException {
    ImageInput.Opened opened = ImageInput.open(reference, null, false);
    Image img = opened.image();
    // unpacked, as `docker images` shows SIZE: a docker-save archive does not say what its layers compress to
    long size = img.layers().stream().mapToLong(dev.bulwark.image.fs.LayerReader.LayerStats::uncompressedBytes).sum();
    List<String> shells = SHELLS.stream().filter(p -> img.files().resolve(p).isPresent()).map(p -> "/" + p).toList();
    List<String> pms = PACKAGE_MANAGERS.stream().filter(p -> img.files().resolve(p).isPresent()).map(p -> "/" + p).toList();
    int executables = (int) img.files().entries().stream()
        .filter(e -> e.type() == dev.bulwark.image.fs.FileEntry.Type.FILE && (e.mode() & 0111) != 0).count();
    String user = img.manifest().config().user();
    Path dbFile = DbCommand.file(db);
    Optional<GradeFacts.ImageVulns> vulns = Optional.empty();
    Optional<GradeFacts.ImageVulns> baseVulns = Optional.empty();
    if (db != null || Files.exists(dbFile)) {
      Scanner.ImageResult r = new Scanner().scan(new Scanner.ImageScan(reference, null, false, null),
          new Scanner.VulnCheck(dbFile, baseImage, ImageCommand.STALE).withTriage(triage.steps()));
      r.notices().forEach(n -> err.println("bulwark: warning: " + n));
      List<dev.bulwark.core.Finding> found = r.result().report().files().stream().flatMap(f -> f.findings().stream())
          .filter(f -> f.rule().category() == dev.bulwark.core.Category.VULNERABILITIES).toList();
      int fixable = (int) found.stream().filter(f -> f.severity().atLeast(Severity.HIGH) && f.message().contains(", fixed in ")).count();
      List<String> highProfile = found.stream().map(f -> f.ruleId()).filter(HIGH_PROFILE::contains).distinct().toList();
      vulns = Optional.of(new GradeFacts.ImageVulns(r.summary().all(), fixable, highProfile));
      if (r.summary().base() != null && !r.summary().base().isEmpty()) { // null: no --base, the split is not known
        baseVulns = Optional.of(new GradeFacts.ImageVulns(r.summary().base(), 0, List.of()));
      }
    }
    return new GuideInput.ImageFacts(reference, user == null || user.isEmpty() ? "root (no USER)" : user, size, shells, pms, executables, vulns, baseVulns);
  }

  /** Docker Scout's high-profile list (its "No high-profile vulnerabilities" policy, without the KEV catalog). */
  static final java.util.Set<String> HIGH_PROFILE = java.util.Set.of("CVE-2014-0160", "CVE-2021-44228", "CVE-2023-38545", "CVE-2023-44487",
      "CVE-2024-3094", "CVE-2024-47076", "CVE-2024-47175", "CVE-2024-47176", "CVE-2024-47177");
}
