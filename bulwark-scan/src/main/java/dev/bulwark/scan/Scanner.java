package dev.bulwark.scan;

import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Finding;
import dev.bulwark.core.glob.Glob;
import dev.bulwark.core.Linter;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import dev.bulwark.image.Image;
import dev.bulwark.image.rules.ImageChecks;
import dev.bulwark.image.rules.ImageTarget;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.rules.KubernetesRules;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.report.Baseline;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The library API every command uses: targets, settings and a baseline in; a report out; and the
 * one loop that writes a report in each asked-for format. I/O (listing directories, reading files,
 * pulling images) happens here, at the edge; the linters it calls are pure.
 */
public final class Scanner {
  // Suppliers: a Dockerfile scan must not load the image classes (start-up time), nor an image scan the Dockerfile rules.
  private final Supplier<Linter<DockerfileTarget>> dockerfileLinter;
  private final Supplier<Linter<ImageTarget>> imageLinter;
  private final Supplier<Linter<KubernetesTarget>> kubernetesLinter;
  private final Supplier<Linter<ComposeTarget>> composeLinter;

  /** With every shipped rule. */
  public Scanner() {
    this(DockerfileRules::linter, ImageChecks::linter);
  }

  public Scanner(Supplier<Linter<DockerfileTarget>> dockerfileLinter, Supplier<Linter<ImageTarget>> imageLinter) {
    this(dockerfileLinter, imageLinter, KubernetesRules::linter);
  }

  public Scanner(Supplier<Linter<DockerfileTarget>> dockerfileLinter, Supplier<Linter<ImageTarget>> imageLinter,
      Supplier<Linter<KubernetesTarget>> kubernetesLinter) {
    this.dockerfileLinter = dockerfileLinter;
    this.imageLinter = imageLinter;
    this.kubernetesLinter = kubernetesLinter;
    this.composeLinter = ComposeRules::linter;
  }

  /**
   * Dockerfiles to find under {@code paths} (files or directories), minus {@code excludes}
   * (.gitignore syntax); {@code config} names the settings file (null: the nearest one above each
   * file); {@code baseline} hides accepted findings, {@code writeBaseline} records today's (either may be null).
   */
  public record DockerfileScan(List<Path> paths, List<String> excludes, Path config, Path baseline, Path writeBaseline) {
    public DockerfileScan {
      paths = List.copyOf(paths);
      excludes = List.copyOf(excludes);
    }
  }

  /** An image to read (a path or a registry reference), for which platform, and with which settings file (may be null). */
  public record ImageScan(String image, String platform, boolean insecure, Path config) {}

  /**
   * The report, after the baseline, and for each of its targets the failure threshold its settings
   * file gives (null where it gives none); {@code internalErrors} counts files a bug in Bulwark kept
   * from being analyzed (each is in the report with its error).
   */
  public record Result(ScanReport report, List<Severity> configuredFailOn, int internalErrors) {
    public Result {
      configuredFailOn = java.util.Collections.unmodifiableList(new ArrayList<>(configuredFailOn));
    }

    public Result(ScanReport report, List<Severity> configuredFailOn) {
      this(report, configuredFailOn, 0);
    }

    /**
     * True when a target has a finding at or above {@code threshold}; a null threshold means each
     * target's configured one, else high.
     */
    public boolean fails(Severity threshold) {
      for (int i = 0; i < report.files().size(); i++) {
        Severity t = threshold != null ? threshold : configuredFailOn.get(i) != null ? configuredFailOn.get(i) : Severity.HIGH;
        if (report.files().get(i).findings().stream().anyMatch(x -> x.severity().atLeast(t))) {
          return true;
        }
      }
      return false;
    }
  }

  /** Where one format goes: a file, or standard output when {@code file} is null. */
  public record Output(OutputFormat format, Path file) {}

  /** Finds, parses and lints the Dockerfiles (in parallel); an unreadable file is reported, the others still scanned. */
  public Result scan(DockerfileScan request) throws IOException {
    ConfigFinder configs;
    Baseline accepted = null;
    ExcludeMatcher excludes;
    try {
      configs = new ConfigFinder(request.config());
      if (request.baseline() != null) {
        accepted = Baseline.parse(readBaseline(request.baseline()), request.baseline().toString());
      }
      excludes = ExcludeMatcher.of(request.excludes());
    } catch (LintConfig.ConfigException | Baseline.BaselineException | Glob.SyntaxException e) {
      throw new IOException(e.getMessage());
    }
    DockerfileFinder.Found found = new DockerfileFinder(excludes).find(request.paths());
    List<Path> files = found.files();
    List<Path> roots = found.roots();
    ProjectPaths projects = new ProjectPaths();
    ContextLister contexts = new ContextLister();
    Linter<DockerfileTarget> linter = dockerfileLinter.get();
    Linters linters = new Linters(linter, kubernetesLinter, composeLinter, ManifestFiles.networkPolicies(files));
    IntStream indexes = IntStream.range(0, files.size());
    // one file: no thread pool to start
    List<Scanned> scanned = new ArrayList<>((files.size() > 1 ? indexes.parallel() : indexes)
        .mapToObj(i -> scanOne(files.get(i), projects, roots.get(i), linters, configs, contexts))
        .filter(s -> s != null)
        .toList());
    for (DockerfileFinder.Unreadable u : found.unreadable()) {
      scanned.add(new Scanned(FileReport.failed(u.path().toString(), "cannot read this directory (" + u.reason() + "); what is under it was not scanned"), null));
    }
    ScanReport report = new ScanReport(scanned.stream().map(Scanned::report).toList());
    if (request.writeBaseline() != null) {
      Files.writeString(request.writeBaseline(), Baseline.write(report, baselineRoot(request.writeBaseline())), StandardCharsets.UTF_8);
    }
    if (accepted != null) {
      report = accepted.filter(report, baselineRoot(request.baseline()));
    }
    return new Result(report, scanned.stream().map(Scanned::failOn).toList(), (int) scanned.stream().filter(Scanned::internal).count());
  }

  /** A baseline is JSON Bulwark wrote, so UTF-8 strictly: anything else is not a baseline (a regular file, bounded, as every input). */
  private static String readBaseline(Path file) throws IOException {
    byte[] bytes = InputFiles.read(file, InputFiles.MAX_BYTES, "not a baseline");
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": not a baseline (not valid UTF-8)");
    }
  }

  /** A baseline's paths are relative to its own directory: the same wherever the scan runs from and however paths are typed. */
  static Baseline.Root baselineRoot(Path baselineFile) {
    Path cwd = Path.of("").toAbsolutePath();
    Path dir = cwd.resolve(baselineFile).normalize().getParent();
    return new Baseline.Root(dir == null ? cwd : dir, cwd);
  }


  /** Reads the image (pulling it when it is a registry reference) and runs the image checks. */
  public Result scan(ImageScan request) throws IOException {
    LintConfig settings;
    try {
      settings = request.config() == null ? LintConfig.DEFAULT : ConfigFinder.load(request.config()).config();
    } catch (LintConfig.ConfigException e) {
      throw new IOException(e.getMessage());
    }
    ImageInput.Opened opened = ImageInput.open(request.image(), request.platform(), request.insecure());
    return new Result(new ScanReport(List.of(lint(request.image(), opened.image(), settings))), java.util.Collections.singletonList(null));
  }

  /**
   * Vulnerability matching for an image scan: the database file, and the base image whose layers are the image's
   * first ones (null: not known), read the way the image is.
   */
  public record VulnCheck(Path dbFile, String baseImage, java.time.Duration staleAfter, Vulnerabilities.Filter filter,
      List<dev.bulwark.scan.triage.Triage> triage) {
    public VulnCheck {
      triage = List.copyOf(triage);
    }

    /** Without triage: every kept vulnerability is a finding. */
    public VulnCheck(Path dbFile, String baseImage, java.time.Duration staleAfter, Vulnerabilities.Filter filter) {
      this(dbFile, baseImage, staleAfter, filter, List.of());
    }

    /** Every vulnerability found. */
    public VulnCheck(Path dbFile, String baseImage, java.time.Duration staleAfter) {
      this(dbFile, baseImage, staleAfter, Vulnerabilities.Filter.ALL);
    }

    /** With these triage steps (VEX, the ignore file; see {@link dev.bulwark.scan.triage.Triage}), asked in order. */
    public VulnCheck withTriage(List<dev.bulwark.scan.triage.Triage> steps) {
      return new VulnCheck(dbFile, baseImage, staleAfter, filter, steps);
    }
  }

  /** An image scan's result with its vulnerability summary and what the user should be told (a stale database). */
  public record ImageResult(Result result, Vulnerabilities.Summary summary, List<String> notices) {}

  /**
   * Reads the image, runs the image checks and matches its packages against the database: the vulnerabilities are
   * findings of the same report, so every format writes them and {@code --fail-on} gates on them too.
   */
  public ImageResult scan(ImageScan request, VulnCheck vulns) throws IOException {
    LintConfig settings = settings(request.config());
    // the database first: a missing or corrupt one fails before an image is pulled
    List<String> notices = new ArrayList<>();
    dev.bulwark.vuln.db.VulnDatabase db = openDatabase(vulns, notices);
    ImageInput.Opened opened = ImageInput.open(request.image(), request.platform(), request.insecure(), true);
    int baseLayers = -1;
    if (vulns.baseImage() != null) {
      Image base = ImageInput.open(vulns.baseImage(), request.platform(), request.insecure()).image();
      baseLayers = baseLayers(opened.image(), base, vulns.baseImage());
    }
    FileReport report = lint(request.image(), opened.image(), settings);
    Vulnerabilities.Outcome v = Vulnerabilities.check(opened.image().sbom(request.image()), codename(opened.image()), db, baseLayers, settings, request.image(),
        vulns.filter(), GoReachabilityCheck.withReachability(vulns.triage(), opened.image()));
    List<Finding> all = new ArrayList<>(report.findings());
    all.addAll(v.findings());
    report = report.withFindings(all).withSuppressed(v.reported());
    Result result = new Result(new ScanReport(List.of(report)), java.util.Collections.singletonList(null));
    return new ImageResult(result, v.summary(), notices);
  }

  private static LintConfig settings(Path config) throws IOException {
    try {
      return config == null ? LintConfig.DEFAULT : ConfigFinder.load(config).config();
    } catch (LintConfig.ConfigException e) {
      throw new IOException(e.getMessage());
    }
  }

  /** The database a check names, with a notice in {@code notices} when it is older than the check allows. */
  private static dev.bulwark.vuln.db.VulnDatabase openDatabase(VulnCheck vulns, List<String> notices) throws IOException {
    dev.bulwark.vuln.db.VulnDatabase db = dev.bulwark.vuln.db.DbFile.open(vulns.dbFile());
    java.time.Duration age = java.time.Duration.between(db.info().built(), java.time.Instant.now());
    if (age.compareTo(vulns.staleAfter()) > 0) {
      notices.add("the vulnerability database is " + age.toDays() + " days old (built " + db.info().built()
          + "); newer advisories are missing: re-import the feeds with `bulwark db import`");
    }
    return db;
  }

  private static String codename(Image image) {
    return dev.bulwark.image.pkg.OsInfo.detect(image.files()).map(dev.bulwark.image.pkg.OsInfo::codename).orElse(null);
  }

  /** An image's SBOM and its packages' vulnerabilities ({@code bulwark sbom --vulns}), and what the user should be told. */
  public record SbomVulns(dev.bulwark.sbom.Sbom sbom, Vulnerabilities.Outcome outcome, List<String> notices) {}

  /**
   * Reads the image and matches its SBOM as {@code bulwark image} does (no settings file: an SBOM lists everything),
   * with {@code vulns}' filter and triage, for a CycloneDX document with its {@code vulnerabilities}.
   */
  public SbomVulns sbomVulns(ImageScan request, VulnCheck vulns) throws IOException {
    List<String> notices = new ArrayList<>();
    dev.bulwark.vuln.db.VulnDatabase db = openDatabase(vulns, notices);
    ImageInput.Opened opened = ImageInput.open(request.image(), request.platform(), request.insecure(), true);
    dev.bulwark.sbom.Sbom sbom = opened.image().sbom(opened.name());
    Vulnerabilities.Outcome v = Vulnerabilities.check(sbom, codename(opened.image()), db, -1, LintConfig.DEFAULT, request.image(), vulns.filter(),
        GoReachabilityCheck.withReachability(vulns.triage(), opened.image()));
    return new SbomVulns(sbom, v, notices);
  }

  /** An SBOM file to match ({@code bulwark vulns}), with a settings file (may be null). */
  public record SbomScan(Path file, Path config) {}

  /**
   * Reads the SBOM (CycloneDX, SPDX or Bulwark JSON, within {@link dev.bulwark.sbom.SbomReader}'s bounds) and matches
   * its packages: each OS package in the release its purl's {@code distro} qualifier names, else the document's
   * operating system. The result has one target, the file; its summary says nothing of a base image.
   */
  public ImageResult scan(SbomScan request, VulnCheck vulns) throws IOException {
    LintConfig settings = settings(request.config());
    List<String> notices = new ArrayList<>();
    dev.bulwark.vuln.db.VulnDatabase db = openDatabase(vulns, notices);
    byte[] bytes;
    try {
      bytes = InputFiles.read(request.file(), InputFiles.MAX_BYTES, "not an SBOM");
    } catch (java.nio.file.FileSystemException e) {
      throw e; // names the file itself
    } catch (IOException e) {
      throw new IOException(request.file() + ": " + e.getMessage(), e);
    }
    dev.bulwark.sbom.Sbom sbom;
    try {
      sbom = dev.bulwark.sbom.SbomReader.DEFAULT.read(bytes);
    } catch (dev.bulwark.sbom.SbomFormatException e) {
      throw new IOException(request.file() + ": " + e.getMessage());
    }
    String name = request.file().toString();
    SbomDistros distros = new SbomDistros(sbom.os());
    Vulnerabilities.Outcome v = Vulnerabilities.check(sbom.packages(), distros::ecosystem, db, -1, settings, name, vulns.filter(), vulns.triage());
    if (distros.unknown() > 0) {
      notices.add(distros.unknown() + " OS package" + (distros.unknown() == 1 ? "" : "s") + " of " + name
          + " name no distribution release (no purl distro= qualifier, no operating-system component): not matched");
    }
    FileReport report = new FileReport(name, FileReport.Kind.FILE, v.findings(), null, null).withWarnings(sbom.gaps()).withSuppressed(v.reported());
    return new ImageResult(new Result(new ScanReport(List.of(report)), java.util.Collections.singletonList(null)), v.summary(), notices);
  }

  /** Two images to compare ({@code bulwark compare IMAGE --to BASELINE}), read the way {@code image} reads one. */
  public record CompareScan(String image, String to, String platform, boolean insecure) {}

  /** A comparison, and what the user should be told (a stale database). */
  public record CompareResult(dev.bulwark.scan.compare.Comparison comparison, List<String> notices) {}

  /**
   * Reads both images and compares them; with {@code vulns} (may be null) each is matched against the database first,
   * so the comparison says which vulnerabilities are fixed and introduced.
   */
  public CompareResult compare(CompareScan request, VulnCheck vulns) throws IOException {
    List<String> notices = new ArrayList<>();
    dev.bulwark.vuln.db.VulnDatabase db = vulns == null ? null : openDatabase(vulns, notices);
    dev.bulwark.scan.compare.ImageSummary to = summary(request.image(), request, db);
    dev.bulwark.scan.compare.ImageSummary from = summary(request.to(), request, db);
    return new CompareResult(dev.bulwark.scan.compare.Compare.of(from, to), notices);
  }

  private static dev.bulwark.scan.compare.ImageSummary summary(String ref, CompareScan request, dev.bulwark.vuln.db.VulnDatabase db) throws IOException {
    ImageInput.Opened opened = ImageInput.open(ref, request.platform(), request.insecure());
    Image image = opened.image();
    dev.bulwark.sbom.Sbom sbom = image.sbom(ref);
    List<dev.bulwark.scan.compare.ImageSummary.Vuln> found = null;
    if (db != null) {
      found = new ArrayList<>();
      // matched as `bulwark image` matches (no config: a comparison shows every difference)
      for (Vulnerabilities.Matched m : Vulnerabilities.check(sbom, codename(image), db, -1, LintConfig.DEFAULT, ref).matched()) {
        found.add(new dev.bulwark.scan.compare.ImageSummary.Vuln(m.finding().ruleId(), m.finding().aliases(), m.finding().severity(), m.pkg(),
            m.version(), m.fixed()));
      }
    }
    dev.bulwark.image.ImageConfig c = image.manifest().config();
    List<dev.bulwark.scan.compare.ImageSummary.Layer> layers = new ArrayList<>();
    var manifestLayers = image.manifest().layers();
    for (int i = 0; i < manifestLayers.size(); i++) {
      var l = manifestLayers.get(i);
      long unpacked = i < image.layers().size() ? image.layers().get(i).uncompressedBytes() : 0;
      String createdBy = i < c.layerCommands().size() && !c.layerCommands().get(i).isBlank() ? c.layerCommands().get(i) : null;
      layers.add(new dev.bulwark.scan.compare.ImageSummary.Layer(l.diffId() == null ? null : l.diffId().toString(), l.size(), unpacked, createdBy));
    }
    String platform = c.os() == null ? null : c.os() + (c.architecture() == null ? "" : "/" + c.architecture()) + (c.variant() == null ? "" : "/" + c.variant());
    String os = sbom.os() == null ? null : sbom.os().name() != null ? sbom.os().name() : sbom.os().id() + " " + sbom.os().version();
    java.util.Map<String, String> labels = c.labels() == null ? java.util.Map.of() : c.labels();
    return new dev.bulwark.scan.compare.ImageSummary(opened.name(), os, platform, c.user(), nz(c.entrypoint()), nz(c.cmd()), nz(c.exposedPorts()),
        labels.get("org.opencontainers.image.base.name"), labels.get("org.opencontainers.image.base.digest"), layers, sbom.packages(), found);
  }

  private static List<String> nz(List<String> l) {
    return l == null ? List.of() : l;
  }

  /** How many bottom layers of {@code image} are {@code base}'s: all of the base's, which must be the image's first. */
  static int baseLayers(Image image, Image base, String baseName) throws IOException {
    var mine = image.manifest().config().diffIds();
    var theirs = base.manifest().config().diffIds();
    if (theirs.size() > mine.size() || !mine.subList(0, theirs.size()).equals(theirs)) {
      throw new IOException("the image is not built on " + baseName + ": its first layers are not that image's layers");
    }
    return theirs.size();
  }

  /**
   * The image checks over an image already read, with what could not be read of it: the SBOM's
   * gaps (a package database past a limit, a binary over its bound), which {@code bulwark sbom}
   * reports too. The checks did not see what is in those files, and the report says so.
   */
  public FileReport lint(String name, Image image, LintConfig settings) {
    List<String> gaps = image.sbom(name).gaps();
    return FileReport.ofImage(name, imageLinter.get().lint(ImageTarget.of(name, image, settings))).withWarnings(gaps);
  }

  /**
   * Writes {@code report} in every format asked for: into its file, or to {@code stdout}, where
   * tty output is coloured when {@code colorOnStdout}. {@code version} (the tool's, for the formats
   * that record it) is only asked for by those formats: finding it out costs start-up time.
   */
  public static void write(ScanReport report, List<Output> outputs, Supplier<String> version, boolean colorOnStdout, Writer stdout)
      throws IOException {
    for (Output o : outputs) {
      if (o.file() == null) {
        o.format().writer(version, colorOnStdout).write(report, stdout);
        stdout.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(o.file(), StandardCharsets.UTF_8)) {
          o.format().writer(version, false).write(report, w);
        }
      }
    }
  }

  /**
   * One file's report and the failure threshold its config sets (null: none), and whether a bug
   * kept it from being analyzed; a null Scanned is an excluded file.
   */
  private record Scanned(FileReport report, Severity failOn, boolean internal) {
    Scanned(FileReport report, Severity failOn) {
      this(report, failOn, false);
    }
  }

  /**
   * The Dockerfile linter, and the Kubernetes and Compose ones made the first time a file needs them
   * (a Dockerfile scan does not load them).
   */
  private static final class Linters {
    final Linter<DockerfileTarget> dockerfile;
    /** The NetworkPolicies of every manifest of the scan, which each manifest's pods are judged against. */
    final List<dev.bulwark.k8s.NetworkPolicyRef> networkPolicies;
    private final Lazy<Linter<KubernetesTarget>> kubernetes;
    private final Lazy<Linter<ComposeTarget>> compose;

    Linters(Linter<DockerfileTarget> dockerfile, Supplier<Linter<KubernetesTarget>> kubernetes, Supplier<Linter<ComposeTarget>> compose,
        List<dev.bulwark.k8s.NetworkPolicyRef> networkPolicies) {
      this.dockerfile = dockerfile;
      this.networkPolicies = networkPolicies;
      this.kubernetes = new Lazy<>(kubernetes);
      this.compose = new Lazy<>(compose);
    }

    Linter<KubernetesTarget> kubernetes() {
      return kubernetes.get();
    }

    Linter<ComposeTarget> compose() {
      return compose.get();
    }
  }

  /** A value made once, the first time it is asked for, by whichever scanning thread asks first. */
  private static final class Lazy<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value == null ? value = supplier.get() : value;
        }
      }
      return v;
    }
  }

  private static Scanned scanOne(Path file, ProjectPaths projects, Path scanRoot, Linters linters, ConfigFinder configs,
      ContextLister contexts) {
    Linter<DockerfileTarget> linter = linters.dockerfile;
    String display = file.toString();
    byte[] bytes;
    ConfigFinder.Found found;
    try {
      bytes = InputFiles.read(file);
      found = configs.forFile(file);
    } catch (IOException e) {
      return new Scanned(FileReport.failed(display, InputFiles.describe(e)), null);
    } catch (LintConfig.ConfigException e) {
      return new Scanned(FileReport.failed(display, e.getMessage()), null);
    }
    if (found.config().excludesFile(found.relative(file))) {
      return null; // excluded by the config file: not scanned, not reported
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    boolean yamlName = DockerfileFinder.isYamlName(name);
    String text = yamlName || !DockerfileFinder.isDockerfileName(name) ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : null;
    if (yamlName || (text != null && (ManifestFiles.looksLikeManifest(text) || ComposeFiles.looksLikeCompose(text)))) {
      try {
        FileReport yaml = ManifestFiles.looksLikeManifest(text)
            ? ManifestFiles.scan(display, bytes, found.config(), found.relative(file), linters.kubernetes(), linters.networkPolicies) : null;
        if (yaml == null && ComposeFiles.looksLikeCompose(text)) {
          yaml = ComposeFiles.scan(file, display, text, found.config(), found.relative(file), linters.compose(), System.getenv());
        }
        return yaml == null ? null : new Scanned(yaml, found.config().failOn());
      } catch (RuntimeException | StackOverflowError e) {
        return new Scanned(FileReport.failed(display, "internal error while analyzing: " + e.getClass().getSimpleName()
            + " (a bug in Bulwark; please report it)"), null, true);
      }
    }
    try {
      DockerfileTarget target = DockerfileTarget.parse(display, bytes).withProjectPath(projects.of(file, scanRoot))
          .withConfig(found.config(), found.relative(file));
      if (target.wholeContextCopy().isPresent()) {
        target = target.withContext(contexts.forDockerfile(file, target.contextSources(), projects.root(file, scanRoot)));
      }
      // what the Compose service that builds it runs it with (healthcheck, user, privileged, cap_add)
      Path project = projects.root(file, scanRoot);
      target = target.withComposeService(contexts.composeService(file, project))
          .withKubernetesWorkload(contexts.kubernetesWorkload(file, project)); // the user its skaffold-deployed manifests give it
      List<Finding> findings = linter.lint(target);
      return new Scanned(FileReport.of(display, findings, target.file().source().text()).withPurpose(target.purpose()), found.config().failOn());
    } catch (IOException e) {
      return new Scanned(FileReport.failed(display, "cannot list the build context: " + InputFiles.describe(e)), null);
    } catch (RuntimeException | StackOverflowError e) {
      // A bug in a rule must not take down a scan of thousands of files; say which file.
      return new Scanned(FileReport.failed(display, "internal error while analyzing: " + e.getClass().getSimpleName()
          + " (a bug in Bulwark; please report it)"), null, true);
    }
  }
}
