package dev.bulwark.cli;

import picocli.CommandLine;

/** Entry point: exit codes 0 (clean), 1 (findings at or above the threshold), 2 (usage or input error). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI without exiting (for tests). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new BulwarkCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = parseResult.hasMatchedOption("--debug");
      commandLine.getErr().println("bulwark: error: " + oneLine(ex));
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return ExitCodes.INPUT_ERROR;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("bulwark: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
      c.getErr().flush();
      return ExitCodes.INPUT_ERROR;
    });
    return cl;
  }

  static String oneLine(Throwable ex) {
    String m = ex.getMessage();
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }
}
