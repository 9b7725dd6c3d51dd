package dev.bulwark.dockerfile.model;

import java.util.List;

/** The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK: exec (JSON) form or shell form. */
public sealed interface CommandLine {

  /** {@code ["executable", "arg"]}: run directly, no shell, signals reach the process. */
  record Exec(List<String> argv) implements CommandLine {}

  /**
   * A string the build runs through the stage's SHELL; {@code script} includes heredoc bodies
   * exactly as the shell receives them.
   */
  record Shell(String script, List<String> shell) implements CommandLine {}

  /** Text as the shell or the exec call sees it, for display. */
  default String display() {
    return this instanceof Exec e ? String.join(" ", e.argv()) : ((Shell) this).script();
  }
}
