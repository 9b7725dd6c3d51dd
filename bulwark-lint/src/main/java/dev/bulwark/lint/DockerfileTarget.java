package dev.bulwark.lint;

import dev.bulwark.dockerfile.model.BuildModel;
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
  private final Map<Command.Run, ShellFacts> shell = new IdentityHashMap<>();

  public DockerfileTarget(String path, BuildModel model) {
    this.path = path;
    this.model = model;
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

  /** What the RUN's shell script does; exec-form RUNs are read as a single command. */
  public ShellFacts shell(Command.Run run) {
    return shell.computeIfAbsent(run, r -> ShellFacts.of(ShellParser.parse(script(r.command())).script()));
  }

  private static String script(CommandLine line) {
    return switch (line) {
      case CommandLine.Shell s -> s.script();
      case CommandLine.Exec e -> String.join(" ", e.argv().stream().map(DockerfileTarget::quote).toList());
    };
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
