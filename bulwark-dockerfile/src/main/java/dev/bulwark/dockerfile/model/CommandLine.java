package dev.bulwark.dockerfile.model;

import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.syntax.SourceMap;
import java.util.List;

/** The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK: exec (JSON) form or shell form. */
public sealed interface CommandLine {

  /**
   * {@code ["executable", "arg"]}: run directly, no shell, signals reach the process;
   * {@code spans} are the JSON elements, quotes included.
   */
  record Exec(List<String> argv, List<Span> spans) implements CommandLine {}

  /**
   * A string the build runs through the stage's SHELL; {@code script} includes heredoc bodies
   * exactly as the shell receives them, and {@code map} says where each of its chars was written.
   */
  record Shell(String script, List<String> shell, SourceMap map) implements CommandLine {}

  /** Text as the shell or the exec call sees it, for display. */
  default String display() {
    return this instanceof Exec e ? String.join(" ", e.argv()) : ((Shell) this).script();
  }
}
