package dev.bulwark.lint;


import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.syntax.JoinedMap;
import dev.bulwark.dockerfile.syntax.SourceMap;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Step;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.util.IdentityHashMap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.PurposeVerdict;
import dev.bulwark.lint.purpose.PurposeInference;
import dev.bulwark.lint.purpose.PurposePragma;
import dev.bulwark.core.Suppressions;
import dev.bulwark.core.Target;
import java.util.Map;

/**
 * A Dockerfile ready for rules: its tree, build model, and the shell model of each shell-form
 * RUN, parsed once and shared by all rules. An immutable value: the {@code with…} methods return
 * copies, which share the (thread-safe) parse caches since the model is the same.
 */
public final class DockerfileTarget implements Target {
  private final String path;
  private final BuildModel model;
  private final LintConfig config;
  private final String relativePath;
  private final BuildContext context;
  private final LocalDate asOf;
  private final String projectPath;
  private final ComposeService compose;
  private final KubernetesWorkload kubernetes;
  private final Analysis analysis;

  /** What is derived from the model once, on first use, by whichever thread asks first. */
  private static final class Analysis {
    private final Map<Command.Run, ShellFacts> shell = new IdentityHashMap<>();
    private List<RunStep> runs;
    private Optional<Command> wholeContextCopy;
    private Map<Stage, List<RunStep>> runsByStage; // identity: per-stage queries stay linear overall
    private DockerfilePragmas pragmas;
    private PurposeVerdict fileOwnPurpose; // pragma or inferred: depends on the file and its path, not on the config
    private String fileOwnPurposeFrom; // the path fileOwnPurpose was inferred from
    private boolean[] shipping; // by stage index: the final stage and the chain it is built FROM
    private final Map<Stage, PackageLedger.Result> packages = new IdentityHashMap<>(); // BW-D003 and BW-D013 both ask
  }

  public DockerfileTarget(String path, BuildModel model) {
    this(path, model, LintConfig.DEFAULT, path);
  }

  /**
   * With project settings; {@code relativePath} is the file's path relative to the config
   * file's directory, for per-path ignores.
   */
  public DockerfileTarget(String path, BuildModel model, LintConfig config, String relativePath) {
    this(path, model, config, relativePath, null, LocalDate.now(ZoneOffset.UTC), null, ComposeService.NONE, KubernetesWorkload.NONE, new Analysis());
  }

  private DockerfileTarget(String path, BuildModel model, LintConfig config, String relativePath, BuildContext context, LocalDate asOf,
      String projectPath, ComposeService compose, KubernetesWorkload kubernetes, Analysis analysis) {
    this.path = path;
    this.model = model;
    this.config = config;
    this.relativePath = relativePath;
    this.context = context;
    this.asOf = asOf;
    this.projectPath = projectPath;
    this.compose = compose;
    this.kubernetes = kubernetes;
    this.analysis = analysis;
  }

  public DockerfileTarget withConfig(LintConfig config, String relativePath) {
    return new DockerfileTarget(path, model, config, relativePath, context, asOf, projectPath, compose, kubernetes, analysis);
  }

  /**
   * With the file's path inside its project (relative to the repository root, or to the folder
   * scanned), which purpose inference reads for tests/ or .devcontainer/ folders. Unset, the
   * config-relative path is used.
   */
  public DockerfileTarget withProjectPath(String inProject) {
    return new DockerfileTarget(path, model, config, relativePath, context, asOf, inProject, compose, kubernetes, analysis);
  }

  /** With the build context the CLI listed (only needed when the Dockerfile copies all of it). */
  public DockerfileTarget withContext(BuildContext context) {
    return new DockerfileTarget(path, model, config, relativePath, context, asOf, projectPath, compose, kubernetes, analysis);
  }

  /** With the Compose service that builds this Dockerfile (its healthcheck, user and powers: what it runs with). */
  public DockerfileTarget withComposeService(ComposeService service) {
    return new DockerfileTarget(path, model, config, relativePath, context, asOf, projectPath, service, kubernetes, analysis);
  }

  /** The Compose service that builds this Dockerfile; {@link ComposeService#NONE} when no Compose file of the scan does. */
  public ComposeService compose() {
    return compose;
  }

  /** With the Kubernetes workload that runs this Dockerfile's image, as the project's skaffold.yaml says. */
  public DockerfileTarget withKubernetesWorkload(KubernetesWorkload workload) {
    return new DockerfileTarget(path, model, config, relativePath, context, asOf, projectPath, compose, workload, analysis);
  }

  /** The Kubernetes workload that runs this Dockerfile's image; {@link KubernetesWorkload#NONE} when none is known. */
  public KubernetesWorkload kubernetes() {
    return kubernetes;
  }

  /** The date end-of-life rules judge against (today, unless a test or report fixes it). */
  public LocalDate asOf() {
    return asOf;
  }

  public DockerfileTarget asOf(LocalDate date) {
    return new DockerfileTarget(path, model, config, relativePath, context, date, projectPath, compose, kubernetes, analysis);
  }

  @Override
  public Suppressions suppressions() {
    synchronized (analysis) {
      if (analysis.pragmas == null) {
        analysis.pragmas = DockerfilePragmas.of(model);
      }
      return analysis.pragmas;
    }
  }

  /**
   * What this Dockerfile is for: as the project config sets it for this path, else as a
   * {@code # bulwark purpose=…} pragma says, else inferred from the file (path and contents).
   */
  @Override
  public PurposeVerdict purpose() {
    Purpose configured = config.purposeFor(relativePath);
    if (configured != null) {
      return new PurposeVerdict(configured, PurposeVerdict.Source.CONFIG, config.source() == null ? "project config" : config.source());
    }
    String inferredFrom = projectPath != null ? projectPath : relativePath;
    synchronized (analysis) {
      // keyed by the path it was inferred from: withConfig and withProjectPath share the analysis
      if (analysis.fileOwnPurpose == null || !java.util.Objects.equals(analysis.fileOwnPurposeFrom, inferredFrom)) {
        analysis.fileOwnPurposeFrom = inferredFrom;
        PurposePragma.Result pragma = PurposePragma.find(model.file());
        if (pragma != null && pragma.verdict() != null) {
          analysis.fileOwnPurpose = pragma.verdict();
        } else {
          PurposeVerdict inferred = PurposeInference.infer(inferredFrom, model);
          analysis.fileOwnPurpose = pragma == null ? inferred
              : new PurposeVerdict(inferred.purpose(), inferred.source(), inferred.reason() + "; purpose pragma ignored, " + pragma.problem());
        }
      }
      return analysis.fileOwnPurpose;
    }
  }

  /**
   * A finding in a stage named for development ({@code dev}, {@code dev-envs}, {@code debug}: a build
   * target to work in, not to deploy) is judged as in a development image, whatever the file is for.
   */
  @Override
  public PurposeVerdict purposeOf(dev.bulwark.core.Finding finding) {
    PurposeVerdict file = purpose();
    if (file.purpose() == Purpose.APPLICATION && finding.stage() != null && PurposeInference.isDevelopmentStage(finding.stage())) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "in the development stage '" + finding.stage() + "'");
    }
    return file;
  }

  /** The build context, when it was listed. */
  public Optional<BuildContext> context() {
    return Optional.ofNullable(context);
  }

  /** The first COPY/ADD that sends the whole context into the image ({@code COPY . .}), if any. */
  public Optional<Command> wholeContextCopy() {
    synchronized (analysis) { // five context rules ask
      if (analysis.wholeContextCopy == null) {
        analysis.wholeContextCopy = findWholeContextCopy();
      }
      return analysis.wholeContextCopy;
    }
  }

  private Optional<Command> findWholeContextCopy() {
    for (Stage s : model.stages()) {
      for (Command c : s.commands()) {
        List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
            : c instanceof Command.Add a ? a.sources() : List.of();
        for (String src : sources) {
          if (isWholeContext(src)) {
            return Optional.of(c);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The context paths the COPY/ADD instructions name besides the whole context (as written, without
   * a leading '/'; no URLs, heredocs, copies from stages or images, or words with variables, whose
   * value the build may set): what a build context must hold, so what tells which directory it is.
   */
  public List<String> contextSources() {
    List<String> out = new ArrayList<>();
    for (Stage s : model.stages()) {
      for (Command c : s.commands()) {
        boolean local = c instanceof Command.Copy cp ? cp.from() == null : c instanceof Command.Add;
        List<String> words = c.instruction().args();
        for (int i = 0; local && i < words.size() - 1; i++) {
          String w = words.get(i);
          if (w.startsWith("<<") || w.indexOf('$') >= 0 || CopySources.isRemote(w) || isWholeContext(w)) {
            continue;
          }
          String path = w.startsWith("/") ? w.substring(1) : w;
          if (!path.isEmpty() && !out.contains(path)) {
            out.add(path);
          }
        }
      }
    }
    return out;
  }

  private static boolean isWholeContext(String src) {
    return src.equals(".") || src.equals("./") || src.equals("*") || src.equals("./*") || src.equals("./.");
  }

  @Override
  public LintConfig config() {
    return config;
  }

  @Override
  public String relativePath() {
    return relativePath;
  }

  /** Parses UTF-8 {@code bytes} as the file at {@code path} (the path is only reported). */
  public static DockerfileTarget parse(String path, byte[] bytes) {
    return new DockerfileTarget(path, BuildModel.of(DockerfileParser.parse(bytes)));
  }

  /** Parses {@code text} as the file at {@code path} (the path is only reported). */
  public static DockerfileTarget parse(String path, String text) {
    return new DockerfileTarget(path, BuildModel.of(DockerfileParser.parse(text)));
  }

  @Override
  public String path() {
    return path;
  }

  public BuildModel model() {
    return model;
  }

  public Dockerfile file() {
    return model.file();
  }

  /**
   * The stages rules lint: the implicit one of the instructions before the first FROM (if any),
   * then the model's. Rules about a stage's content iterate these; rules about FROM lines and the
   * final image ask {@code model()}, which has no implicit stage.
   */
  public List<Stage> stages() {
    Stage implicit = model.implicitStage();
    if (implicit == null) {
      return model.stages();
    }
    List<Stage> out = new ArrayList<>(model.stages().size() + 1);
    out.add(implicit);
    out.addAll(model.stages());
    return out;
  }

  /**
   * A RUN with its stage, what its shell script does, whether its files ship in the final image,
   * and the variables its script sees from ARG and ENV at that step. {@code onbuild}: the RUN is an
   * {@code ONBUILD RUN} trigger, which runs in the builds of child images, not in this one; rules
   * about what a command does lint it, rules about what this image holds skip it.
   */
  public record RunStep(Stage stage, Command.Run run, ShellFacts facts, boolean inFinalStage, Map<String, String> env, boolean onbuild) {}

  /** Every RUN of every stage, ONBUILD RUN triggers included, in order, with its shell facts (computed once). */
  public List<RunStep> runs() {
    synchronized (analysis) {
      if (analysis.runs == null) {
        analysis.runs = collectRuns();
      }
      return analysis.runs;
    }
  }

  private List<RunStep> collectRuns() {
    List<RunStep> out = new ArrayList<>();
    Stage last = model.finalStage().orElse(null);
    for (Stage s : stages()) {
      boolean ships = s == last || inFinalImage(s);
      for (Step step : s.steps()) {
        if (step.command() instanceof Command.Run r) {
          out.add(new RunStep(s, r, shell(r), ships, step.state().expansionEnv(), false));
        } else if (step.command() instanceof Command.Onbuild o && o.trigger() instanceof Command.Run r) {
          out.add(new RunStep(s, r, shell(r), ships, step.state().expansionEnv(), true));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The RUN steps of one stage, in order: the steps of this image, so no ONBUILD trigger. */
  public List<RunStep> runs(Stage stage) {
    List<RunStep> all = runs();
    synchronized (analysis) {
      if (analysis.runsByStage == null) {
        Map<Stage, List<RunStep>> by = new IdentityHashMap<>();
        for (RunStep r : all) {
          if (!r.onbuild()) {
            by.computeIfAbsent(r.stage(), k -> new ArrayList<>()).add(r);
          }
        }
        by.replaceAll((k, v) -> List.copyOf(v));
        analysis.runsByStage = by;
      }
      return analysis.runsByStage.getOrDefault(stage, List.of());
    }
  }

  /** The OS packages {@code stage} still has at its end, and its RUN steps that remove what they installed. */
  public PackageLedger.Result packages(Stage stage) {
    List<RunStep> steps = runs(stage);
    synchronized (analysis) {
      return analysis.packages.computeIfAbsent(stage, s -> PackageLedger.of(steps));
    }
  }

  /** The stage an instruction belongs to: the last FROM at or before it (before the first FROM, the implicit stage or null). */
  public Stage stageOf(Instruction in) {
    List<Stage> stages = model.stages();
    int lo = 0;
    int hi = stages.size() - 1;
    Stage found = model.implicitStage();
    while (lo <= hi) { // stages are in file order
      int mid = (lo + hi) >>> 1;
      if (stages.get(mid).from().instruction().startLine() <= in.startLine()) {
        found = stages.get(mid);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** A COPY/ADD of the whole context and the context it sends. */
  public record ContextCopy(Command copy, BuildContext context) {}

  /** The first whole-context COPY/ADD, when the build context was listed too. */
  public Optional<ContextCopy> contextCopy() {
    Optional<Command> copy = wholeContextCopy();
    if (copy.isEmpty() || context == null) {
      return Optional.empty();
    }
    return Optional.of(new ContextCopy(copy.get(), context));
  }

  /** True when {@code stage} is the final stage or one it is built FROM (its files ship). */
  public boolean inFinalImage(Stage stage) {
    boolean[] shipping;
    synchronized (analysis) {
      if (analysis.shipping == null) {
        analysis.shipping = shippingStages();
      }
      shipping = analysis.shipping;
    }
    int i = stage.index();
    return i >= 0 && i < shipping.length && shipping[i] && model.stages().get(i) == stage;
  }

  /** The FROM chain walked once: asked per stage, a walk each was quadratic (100,000 stages). */
  private boolean[] shippingStages() {
    boolean[] out = new boolean[model.stages().size()];
    Stage s = model.finalStage().orElse(null);
    while (s != null && !out[s.index()]) {
      out[s.index()] = true;
      s = s.base() instanceof BaseImage.Stage parent ? model.stages().get(parent.index()) : null;
    }
    return out;
  }

  /** What the RUN's shell script does; exec-form RUNs are read as a single command. */
  public ShellFacts shell(Command.Run run) {
    synchronized (analysis) {
      ShellFacts known = analysis.shell.get(run);
      if (known != null) {
        return known;
      }
    }
    // parsed outside the lock; two threads racing on one RUN parse it twice and keep the first
    ShellFacts facts = ShellFacts.of(parse(run.command(), run.instruction().source()).script());
    synchronized (analysis) {
      return analysis.shell.computeIfAbsent(run, r -> facts);
    }
  }

  /**
   * The shell model of a command line, its words mapped to the Dockerfile. Exec form is read as
   * its elements single-quoted into one command; each element's chars map one to one when the
   * quoting kept them, else the whole element is the word's position.
   */
  static ShellParseResult parse(CommandLine line, SourceText source) {
    if (line instanceof CommandLine.Shell s) {
      return ShellParser.parse(s.script(), s.map());
    }
    CommandLine.Exec exec = (CommandLine.Exec) line;
    StringBuilder script = new StringBuilder();
    JoinedMap.Builder map = new JoinedMap.Builder();
    for (int i = 0; i < exec.argv().size(); i++) {
      String arg = exec.argv().get(i);
      Span element = exec.spans().get(i);
      String quoted = "'" + arg.replace("'", "'\\''") + "'" + (i + 1 < exec.argv().size() ? " " : "");
      // "arg" is as long as 'arg' when the JSON string holds no escape and the arg no quote
      boolean exact = arg.length() + 2 == element.endOffset() - element.startOffset() && arg.indexOf('\'') < 0
          && element.startLine() == element.endLine();
      map.add(quoted.length(), exact ? SourceMap.verbatim(source, element.startOffset()) : SourceMap.constant(element));
      script.append(quoted);
    }
    return ShellParser.parse(script.toString(), map.build());
  }
}
