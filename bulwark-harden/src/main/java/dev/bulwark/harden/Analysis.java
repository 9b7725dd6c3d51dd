package dev.bulwark.harden;

import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.model.Step;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.Word;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.harden.HardenResult.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Dockerfile builds and how it starts, read once for every variant: its stages with the
 * facts of their RUN steps, the stage that builds the app, the language, the artifact and the
 * start command. A refusal when the input cannot be hardened at all.
 */
final class Analysis {
  private static final Pattern WINDOWS_IMAGE = Pattern.compile("(?i)(mcr\\.microsoft\\.com/windows|servercore|nanoserver|windows/|dotnet/framework)");
  private static final Pattern JAVA_MAJOR = Pattern.compile("(?:temurin|jdk|jre|openjdk|corretto|java)[-:]?(\\d{1,2})(?![0-9])");
  private static final Pattern LEADING_MAJOR = Pattern.compile("^(\\d{1,2})(?:[.-]|$)");
  private static final Pattern NODE_MAJOR = Pattern.compile("^(\\d{1,2})(?:[.-]|$)");
  private static final Pattern PY_VERSION = Pattern.compile("^(3\\.\\d{1,2})");
  private static final Set<String> PYTHON_TOOLS = Set.of("pip", "pip3", "poetry", "pipenv", "uv", "pdm", "conda");
  private static final Set<String> NODE_TOOLS = Set.of("npm", "yarn", "pnpm", "npx");
  private static final Set<String> JAVA_TOOLS = Set.of("mvn", "mvnw", "gradle", "gradlew", "./mvnw", "./gradlew", "javac", "jar", "sbt", "lein");
  private static final Set<String> C_TOOLS = Set.of("gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "ninja", "meson");

  /** One RUN step with its parsed shell, if it parsed. */
  record RunStep(Stage stage, Step step, Command.Run run, ShellFacts facts) {
    List<Invocation> invocations() {
      return facts == null ? List.of() : facts.invocations();
    }
  }

  final String text;
  final Dockerfile file;
  final BuildModel model;
  final ProjectFiles project;
  /** The stage that ships ({@link ShippingStage}): the final one, or the app stage a development stage after it was made from. */
  final Stage last;
  /** Why {@link #last} is not the file's final stage (a development stage after it), or null when it is. */
  String shippingWhy;
  /** The final stage builds the app (single stage, or a build in the last stage), rather than only copying it from earlier stages. */
  final boolean buildFinal;
  final List<RunStep> runs = new ArrayList<>();
  /** The stages the runtime copies the app from (the last stage itself when it builds). */
  final Set<Integer> sourceStages = new LinkedHashSet<>();
  Language language;
  /** The start command as exec argv: ENTRYPOINT then CMD (either may be empty). */
  List<String> entrypoint = List.of();
  List<String> cmd = List.of();
  /** A start command only a shell can run, or null. */
  String needsShell;
  /** The shell-form command was the ENTRYPOINT (else the CMD). */
  boolean shellEntrypoint;
  Reason refusal;
  String refusalMessage;

  private Analysis(String text, Dockerfile file, BuildModel model, ProjectFiles project, Stage last, boolean buildFinal) {
    this.text = text;
    this.file = file;
    this.model = model;
    this.project = project;
    this.last = last;
    this.buildFinal = buildFinal;
  }

  static Analysis of(String text, Map<String, String> projectFiles) {
    ProjectFiles project = new ProjectFiles(projectFiles);
    Dockerfile file = DockerfileParser.parse(text);
    BuildModel model = BuildModel.of(file);
    for (Diagnostic d : model.diagnostics()) {
      if (d.isError()) {
        return refused(text, file, model, project, Reason.PARSE_ERROR, "line " + d.span().startLine() + ": " + d.message());
      }
    }
    if (model.stages().isEmpty()) {
      return refused(text, file, model, project, Reason.NO_STAGE, "the Dockerfile has no FROM");
    }
    String windows = windows(file, model);
    if (windows != null) {
      return refused(text, file, model, project, Reason.WINDOWS, windows
          + ": Windows images have no distroless, Alpine, Chainguard or scratch runtime; harden rewrites Linux images only");
    }
    ShippingStage shipping = ShippingStage.of(model);
    if (shipping.refusal() != null) {
      return refused(text, file, model, project, Reason.DEVELOPMENT, shipping.refusal());
    }
    Stage last = shipping.stage();
    List<RunStep> runs = new ArrayList<>();
    for (Stage s : model.stages()) {
      for (Step step : s.steps()) {
        if (step.command() instanceof Command.Run r) {
          runs.add(new RunStep(s, step, r, facts(r)));
        }
      }
    }
    boolean copiesFromStage = false;
    for (Command.Copy c : last.commands(Command.Copy.class)) {
      if (c.from() != null && model.stage(c.from()).isPresent()) {
        copiesFromStage = true;
      }
    }
    boolean buildsInLast = false;
    for (RunStep r : runs) {
      if (r.stage() == last && buildsApp(r)) {
        buildsInLast = true;
      }
    }
    Analysis a = new Analysis(text, file, model, project, last, !copiesFromStage || buildsInLast);
    a.shippingWhy = shipping.why();
    a.runs.addAll(runs);
    if (a.buildFinal) {
      a.sourceStages.add(last.index());
    } else {
      for (Command.Copy c : last.commands(Command.Copy.class)) {
        if (c.from() != null) {
          model.stage(c.from()).ifPresent(s -> a.sourceStages.add(s.index()));
        }
      }
    }
    a.readStart();
    if (a.refusal == null && a.buildsWasm()) {
      a.refuse(Reason.UNSUPPORTED, "the app is a WebAssembly module, run by a Wasm runtime (wasmedge, wasmtime), not a Linux program:"
          + " a Linux runtime image cannot start it");
    }
    if (a.refusal == null && a.startsBareRuntime()) {
      a.refuse(Reason.UNKNOWN_APP, "this builds a base image: its start command `" + String.join(" ", a.startArgv())
          + "` starts the bare runtime or a shell, not an app; harden rewrites an application's Dockerfile");
    }
    if (a.refusal == null) {
      a.language = a.detectLanguage();
      if (a.language == null) {
        a.refuse(Reason.UNKNOWN_APP, "no application build recognised (Go, Rust, C/C++, Python, Node.js, Java or .NET):"
            + " harden rewrites an app's own build, not a base image or an OS-packaged service");
      }
    }
    return a;
  }

  private static Analysis refused(String text, Dockerfile file, BuildModel model, ProjectFiles project, Reason reason, String message) {
    Analysis a = new Analysis(text, file, model, project, null, false);
    a.refuse(reason, message);
    return a;
  }

  void refuse(Reason reason, String message) {
    if (refusal == null) {
      refusal = reason;
      refusalMessage = message;
    }
  }

  private static String windows(Dockerfile file, BuildModel model) {
    for (Stage s : model.stages()) {
      if (WINDOWS_IMAGE.matcher(s.from().image()).find()) {
        return "FROM " + s.from().image();
      }
      for (Command.Shell sh : s.commands(Command.Shell.class)) {
        String first = sh.shell().isEmpty() ? "" : sh.shell().getFirst().toLowerCase(Locale.ROOT);
        if (first.contains("powershell") || first.contains("pwsh") || first.equals("cmd") || first.endsWith("cmd.exe")) {
          return "SHELL " + String.join(" ", sh.shell());
        }
      }
    }
    return file.escapeToken() == '`' ? "escape=` (the Windows escape character)" : null;
  }

  static ShellFacts facts(Command.Run r) {
    if (!(r.command() instanceof CommandLine.Shell sh)) {
      return null;
    }
    ShellParseResult p = ShellParser.parse(sh.script(), sh.map());
    return p.ok() ? ShellFacts.of(p.script()) : null;
  }

  /** A RUN that builds or installs the app (compiler, language package manager), not a runtime package or a user. */
  static boolean buildsApp(RunStep r) {
    for (Invocation i : r.invocations()) {
      String n = i.name();
      if (n.equals("go") || n.equals("cargo") || n.equals("dotnet") || PYTHON_TOOLS.contains(n) || NODE_TOOLS.contains(n)
          || JAVA_TOOLS.contains(n) || C_TOOLS.contains(n) || isPipModule(i)) {
        return true;
      }
    }
    return false;
  }

  static boolean isPipModule(Invocation i) {
    return i.name().startsWith("python") && i.args().size() >= 2 && i.args().get(0).equals("-m") && i.args().get(1).startsWith("pip");
  }

  /** Runs of the stages the app is built in: the source stages and the stages they derive from or copy from. */
  List<RunStep> buildRuns() {
    Set<Integer> stages = buildStages();
    List<RunStep> out = new ArrayList<>();
    for (RunStep r : runs) {
      if (stages.contains(r.stage().index())) {
        out.add(r);
      }
    }
    return out;
  }

  Set<Integer> buildStages() {
    Set<Integer> out = new LinkedHashSet<>();
    List<Integer> todo = new ArrayList<>(sourceStages);
    while (!todo.isEmpty()) {
      int i = todo.removeLast();
      if (i < 0 || i >= model.stages().size() || !out.add(i)) {
        continue;
      }
      Stage s = model.stages().get(i);
      if (s.base() instanceof BaseImage.Stage parent) {
        todo.add(parent.index());
      }
      for (Command.Copy c : s.commands(Command.Copy.class)) {
        if (c.from() != null) {
          model.stage(c.from()).ifPresent(f -> todo.add(f.index()));
        }
      }
    }
    return out;
  }

  /** The first stage built FROM {@code s} (directly), or null. */
  Stage firstBuiltOn(Stage s) {
    for (Stage later : model.stages()) {
      if (later.base() instanceof BaseImage.Stage p && p.index() == s.index() && later.index() > s.index()) {
        return later;
      }
    }
    return null;
  }

  /** True when a stage after {@link #last} is built FROM it (a dev stage on the app stage): it inherits its CMD and ports. */
  boolean builtOnLater() {
    for (Stage s : model.stages().subList(last.index() + 1, model.stages().size())) {
      if (model.derivesFrom(s, last)) {
        return true;
      }
    }
    return false;
  }

  /** The first image a stage derives from, following FROM of earlier stages. */
  Stage rootOf(Stage s) {
    return model.rootOf(s);
  }

  String repositoryOf(Stage s) {
    Stage root = rootOf(s);
    return root.baseImage().map(r -> r.hubEquivalent().repository()).orElse(root.from().image()); // a Hub mirror: the image it serves
  }

  String tagOf(Stage s) {
    return rootOf(s).baseImage().map(r -> r.tag() == null ? "" : r.tag()).orElse("");
  }

  /** Built on Alpine (musl): the repository is alpine or the tag names it. */
  boolean isMusl(Stage s) {
    String repo = repositoryOf(s);
    return repo.endsWith("alpine") || tagOf(s).contains("alpine") || usesApk(s);
  }

  private boolean usesApk(Stage s) {
    for (RunStep r : runs) {
      if (r.stage() == s) {
        for (ShellFact.PackageOperation op : r.facts() == null ? List.<ShellFact.PackageOperation>of() : r.facts().facts(ShellFact.PackageOperation.class)) {
          if (op.manager() == ShellFact.PackageManager.APK) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void readStart() {
    CommandLine ep = last.entrypoint();
    CommandLine c = last.cmd();
    if (ep == null && c == null) {
      refuse(Reason.NO_START_COMMAND, "the final stage has no CMD or ENTRYPOINT of its own, so the app starts as its base image ("
          + last.from().image() + ") says, which a new runtime image does not carry over");
      return;
    }
    if (ep instanceof CommandLine.Shell) {
      c = null; // a shell-form ENTRYPOINT ignores CMD
    }
    entrypoint = argv(ep);
    cmd = argv(c);
    if (entrypoint == null || cmd == null) {
      shellEntrypoint = entrypoint == null;
      needsShell = ((CommandLine.Shell) (entrypoint == null ? ep : c)).script().strip();
      if (entrypoint == null) {
        entrypoint = List.of();
      }
      if (cmd == null) {
        cmd = List.of();
      }
    }
  }

  /** Exec argv of a command line: a shell-form one only when it is one plain command of static words. */
  private static List<String> argv(CommandLine line) {
    if (line == null) {
      return List.of();
    }
    if (line instanceof CommandLine.Exec e) {
      return e.argv();
    }
    return plainWords(((CommandLine.Shell) line).script());
  }

  /** The words of a script that is one simple command of static words without redirections, or null. */
  static List<String> plainWords(String script) {
    ShellParseResult p = ShellParser.parse(script);
    if (!p.ok() || p.script().items().size() != 1) {
      return null;
    }
    Script.Item item = p.script().items().getFirst();
    if (item.background() || item.andOr().pipelines().size() != 1 || item.andOr().pipelines().getFirst().commands().size() != 1
        || !(item.andOr().pipelines().getFirst().commands().getFirst() instanceof SimpleCommand sc)) {
      return null;
    }
    if (!sc.assignments().isEmpty() || !sc.redirects().isEmpty() || sc.words().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Word w : sc.words()) {
      if (!w.isStatic()) {
        return null;
      }
      out.add(w.value());
    }
    if (out.getFirst().equals("exec") && out.size() > 1) {
      out.removeFirst();
    }
    return out;
  }

  /** The first word of a shell-form start command, when it is a plain one ({@code /app --config $X}). */
  String shellProgram() {
    if (needsShell == null) {
      return null;
    }
    ShellParseResult p = ShellParser.parse(needsShell);
    if (!p.ok() || p.script().simpleCommands().isEmpty()) {
      return null;
    }
    SimpleCommand first = p.script().simpleCommands().getFirst();
    if (first.words().isEmpty() || !first.words().getFirst().isStatic()) {
      return null;
    }
    String w = first.words().getFirst().value();
    return w.equals("exec") && first.words().size() > 1 ? first.words().get(1).value() : w;
  }

  /** A build for wasm32 (cargo --target wasm32-*, GOOS=wasip1/js) or a start command that runs a .wasm file. */
  boolean buildsWasm() {
    List<String> start = startArgv();
    if (!start.isEmpty() && start.getFirst().endsWith(".wasm")) {
      return true;
    }
    for (RunStep r : buildRuns()) {
      for (Invocation i : r.invocations()) {
        String target = i.flagValue("--target");
        String goos = i.env().getOrDefault("GOOS", env(r.step()).get("GOOS"));
        if ((target != null && target.startsWith("wasm32")) || "wasip1".equals(goos) || "js".equals(goos)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code CMD ["python3"]}, {@code ["node"]}, {@code ["bash"]}, {@code dotnet --info}: a language or OS base image. */
  boolean startsBareRuntime() {
    List<String> argv = startArgv();
    if (needsShell != null || argv.isEmpty()) {
      return false;
    }
    String prog = base(argv.getFirst());
    boolean runtime = prog.matches("python[0-9.]*|node|nodejs|bash|sh|ash|zsh|irb|ruby|php|jshell|pwsh|perl|ghci|erl|iex|julia|R|dotnet|java|go");
    if (!runtime) {
      return false;
    }
    for (String arg : argv.subList(1, argv.size())) {
      if (!arg.startsWith("-") || arg.equals("-jar") || arg.equals("-m") || arg.equals("-c") || arg.equals("-cp")) {
        return false; // a script, module, jar or command: an app
      }
    }
    return true;
  }

  List<String> startArgv() {
    List<String> all = new ArrayList<>(entrypoint);
    all.addAll(cmd);
    return all;
  }

  private Language detectLanguage() {
    List<String> start = startArgv();
    String prog = start.isEmpty() ? "" : base(start.getFirst());
    if (needsShell == null) {
      if (prog.equals("java")) {
        return Language.JAVA;
      }
      if (prog.equals("node") || prog.equals("nodejs") || NODE_TOOLS.contains(prog)) {
        return Language.NODE;
      }
      if (prog.startsWith("python") || Set.of("gunicorn", "uvicorn", "flask", "django-admin", "hypercorn", "daphne", "celery", "streamlit")
          .contains(prog)) {
        return Language.PYTHON;
      }
      if (prog.equals("dotnet")) {
        return Language.DOTNET;
      }
    }
    Language fromBuild = null;
    for (RunStep r : buildRuns()) {
      for (Invocation i : r.invocations()) {
        Language l = languageOf(i);
        if (l != null && fromBuild == null) {
          fromBuild = l;
        }
        if (l != null && l != Language.C) {
          return l; // a make that drives go build is Go
        }
      }
    }
    if (fromBuild != null) {
      return fromBuild;
    }
    for (int i : buildStages()) {
      String repo = repositoryOf(model.stages().get(i));
      Language l = switch (repo.substring(repo.lastIndexOf('/') + 1)) {
        case "golang" -> Language.GO;
        case "rust" -> Language.RUST;
        case "python" -> Language.PYTHON;
        case "node" -> Language.NODE;
        case "maven", "gradle", "eclipse-temurin", "openjdk", "amazoncorretto" -> Language.JAVA;
        case "sdk" -> repo.contains("dotnet") ? Language.DOTNET : null;
        case "gcc" -> Language.C;
        default -> null;
      };
      if (l != null) {
        return l;
      }
    }
    if (project.has("go.mod")) {
      return Language.GO;
    }
    if (project.has("Cargo.toml")) {
      return Language.RUST;
    }
    if (project.has("package.json")) {
      return Language.NODE;
    }
    if (project.has("requirements.txt") || project.has("pyproject.toml") || project.has("Pipfile")) {
      return Language.PYTHON;
    }
    if (project.has("pom.xml") || project.has("build.gradle") || project.has("build.gradle.kts")) {
      return Language.JAVA;
    }
    if (project.hasSuffix(".csproj")) {
      return Language.DOTNET;
    }
    return null;
  }

  private static Language languageOf(Invocation i) {
    String n = i.name();
    if (n.equals("go") && !i.args().isEmpty() && (i.args().getFirst().equals("build") || i.args().getFirst().equals("install"))) {
      return Language.GO;
    }
    if (n.equals("cargo") && !i.args().isEmpty() && (i.args().getFirst().equals("build") || i.args().getFirst().equals("install"))) {
      return Language.RUST;
    }
    if (PYTHON_TOOLS.contains(n) || isPipModule(i)) {
      return Language.PYTHON;
    }
    if (NODE_TOOLS.contains(n)) {
      return Language.NODE;
    }
    if (JAVA_TOOLS.contains(n)) {
      return Language.JAVA;
    }
    if (n.equals("dotnet")) {
      return Language.DOTNET;
    }
    if (C_TOOLS.contains(n)) {
      return Language.C;
    }
    return null;
  }

  static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The Java major of the build: from the builder's tag, else the pom's release, else 21. */
  int javaMajor() {
    for (int i : buildStages()) {
      Stage s = model.stages().get(i);
      Matcher m = JAVA_MAJOR.matcher(tagOf(s));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Matcher lead = LEADING_MAJOR.matcher(tagOf(s));
      String repo = repositoryOf(s);
      if (lead.find() && (repo.endsWith("eclipse-temurin") || repo.endsWith("openjdk") || repo.endsWith("amazoncorretto"))) {
        return Integer.parseInt(lead.group(1));
      }
    }
    int release = project.javaRelease();
    return release > 0 ? release : 21;
  }

  int nodeMajor() {
    for (int i : buildStages()) {
      Stage s = model.stages().get(i);
      if (repositoryOf(s).endsWith("/node")) {
        Matcher m = NODE_MAJOR.matcher(tagOf(s));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    return 24;
  }

  String pythonVersion() {
    for (int i : buildStages()) {
      Stage s = model.stages().get(i);
      if (repositoryOf(s).endsWith("/python")) {
        Matcher m = PY_VERSION.matcher(tagOf(s));
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** Environment a step runs with: the stage's ENV and ARGs. */
  static Map<String, String> env(Step step) {
    Map<String, String> m = new HashMap<>(step.state().args());
    m.putAll(step.state().env());
    return m;
  }
}
