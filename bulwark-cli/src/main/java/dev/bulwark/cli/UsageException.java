package dev.bulwark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A command line that names things that do not exist (an unknown format, a bad severity). */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message, null, false, false);
  }

  /** A command's body, writing to the command line's streams. */
  interface Body {
    int run(PrintWriter out, PrintWriter err) throws IOException, UsageException;
  }

  /** Runs {@code body} with {@code spec}'s streams; a usage error becomes picocli's, so it is reported with the usage hint and exit 2. */
  static int run(CommandSpec spec, Body body) throws IOException {
    try {
      return body.run(spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (UsageException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
