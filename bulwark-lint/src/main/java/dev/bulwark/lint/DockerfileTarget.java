package dev.bulwark.lint;

import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.dockerfile.syntax.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A Dockerfile ready for rules: its tree, build model, and the shell model of each shell-form
 * RUN, parsed once and shared by all rules.
 */
public final class DockerfileTarget {
  private final String path;
  private final BuildModel model;
  private final LintConfig config;
  private final String relativePath;
  private final Map<Command.Run, ShellFacts> shell = new IdentityHashMap<>();
  private BuildContext context;
  private List<RunStep> runs;
  private java.time.LocalDate asOf = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

  public DockerfileTarget(String path, BuildModel model) {
    this(path, model, LintConfig.DEFAULT, path);
  }

  /**
   * With project settings; {@code relativePath} is the file's path relative to the config
   * file's directory, for per-path ignores.
   */
  public DockerfileTarget(String path, BuildModel model, LintConfig config, String relativePath) {
    this.path = path;
    this.model = model;
    this.config = config;
    this.relativePath = relativePath;
  }

  public DockerfileTarget withConfig(LintConfig config, String relativePath) {
    return new DockerfileTarget(path, model, config, relativePath);
  }

  /** With the build context the CLI listed (only needed when the Dockerfile copies all of it). */
  public DockerfileTarget withContext(BuildContext context) {
    this.context = context;
    return this;
  }

  /** The date end-of-life rules judge against (today, unless a test or report fixes it). */
  public java.time.LocalDate asOf() {
    return asOf;
  }

  public DockerfileTarget asOf(java.time.LocalDate date) {
    this.asOf = date;
    return this;
  }

  /** The build context, when it was listed. */
  public Optional<BuildContext> context() {
    return Optional.ofNullable(context);
  }

  /** The first COPY/ADD that sends the whole context into the image ({@code COPY . .}), if any. */
  public Optional<Command> wholeContextCopy() {
    for (Stage s : model.stages()) {
      for (Command c : s.commands()) {
        List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
            : c instanceof Command.Add a ? a.sources() : List.of();
        for (String src : sources) {
          if (src.equals(".") || src.equals("./") || src.equals("*") || src.equals("./*") || src.equals("./.")) {
            return Optional.of(c);
          }
        }
      }
    }
    return Optional.empty();
  }

  public LintConfig config() {
    return config;
  }

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

  public String path() {
    return path;
  }

  public BuildModel model() {
    return model;
  }

  public Dockerfile file() {
    return model.file();
  }

  /** A RUN with its stage and what its shell script does. */
  public record RunStep(Stage stage, Command.Run run, ShellFacts facts, boolean inFinalStage) {
    /** The span of one recognized command inside the RUN (the instruction's span if unknown). */
    public Span spanOf(Invocation inv) {
      String script = script(run.command());
      SimpleCommand sc = inv.command();
      if (sc.end() <= script.length() && sc.start() < sc.end()) {
        return run.instruction().locate(script.substring(sc.start(), sc.end()).strip());
      }
      return run.instruction().span();
    }
  }

  /** Every RUN of every stage, in order, with its shell facts (computed once). */
  public List<RunStep> runs() {
    if (runs != null) {
      return runs;
    }
    List<RunStep> out = new ArrayList<>();
    Stage last = model.finalStage().orElse(null);
    for (Stage s : model.stages()) {
      for (Command.Run r : s.commands(Command.Run.class)) {
        out.add(new RunStep(s, r, shell(r), s == last || inFinalImage(s)));
      }
    }
    runs = List.copyOf(out);
    return runs;
  }

  /** True when {@code stage} is the final stage or one it is built FROM (its files ship). */
  public boolean inFinalImage(Stage stage) {
    Stage s = model.finalStage().orElse(null);
    while (s != null) {
      if (s == stage) {
        return true;
      }
      s = s.base() instanceof BaseImage.Stage parent ? model.stages().get(parent.index()) : null;
    }
    return false;
  }

  /** What the RUN's shell script does; exec-form RUNs are read as a single command. */
  public ShellFacts shell(Command.Run run) {
    return shell.computeIfAbsent(run, r -> ShellFacts.of(ShellParser.parse(script(r.command())).script()));
  }

  static String script(CommandLine line) {
    if (line instanceof CommandLine.Shell s) {
      return s.script();
    }
    return String.join(" ", ((CommandLine.Exec) line).argv().stream().map(DockerfileTarget::quote).toList());
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
