package dev.bulwark.cli;

import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point: exit codes 0 (clean), 1 (findings at or above the threshold), 2 (usage or input error). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("sbom") || args[0].equals("image"))) {
      // image commands: initialize the image-reading classes while picocli parses the arguments
      Thread.ofPlatform().daemon().name("prepare").start(dev.bulwark.image.Image::prepare);
    }
    OptionalInt fast = FastPath.tryRun(args);
    System.exit(fast.isPresent() ? fast.getAsInt() : run(args));
  }

  /** Runs the CLI without exiting (for tests). */
  public static int run(String... args) {
    return newCommandLine(args).execute(args);
  }

  static CommandLine newCommandLine(String... args) {
    CommandLine cl = new CommandLine(new BulwarkCommand());
    String first = firstPositional(args);
    if (first != null && BulwarkCommand.SUBCOMMANDS.containsKey(first)) {
      cl.addSubcommand(first, BulwarkCommand.SUBCOMMANDS.get(first).get());
    } else {
      BulwarkCommand.SUBCOMMANDS.forEach((name, factory) -> cl.addSubcommand(name, factory.get()));
    }
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = parseResult.hasMatchedOption("--debug");
      commandLine.getErr().println("bulwark: error: " + oneLine(ex));
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return ExitCodes.INPUT_ERROR;
    });
    cl.setParameterExceptionHandler((ex, badArgs) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("bulwark: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
      c.getErr().flush();
      return ExitCodes.INPUT_ERROR;
    });
    return cl;
  }

  private static String firstPositional(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  static String oneLine(Throwable ex) {
    String m = ex.getMessage();
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }
}
