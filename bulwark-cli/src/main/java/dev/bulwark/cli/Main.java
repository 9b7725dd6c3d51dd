package dev.bulwark.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * Entry point: exit codes 0 (clean), 1 (findings at or above the threshold), 2 (usage or input
 * error), 3 (internal error: a bug, or out of memory).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("sbom") || args[0].equals("image") || args[0].equals("compare"))) {
      // image commands: initialize the image-reading classes while picocli parses the arguments
      Thread.ofPlatform().daemon().name("prepare").start(dev.bulwark.image.Image::prepare);
    }
    int code;
    try {
      OptionalInt fast = FastPath.tryRun(args);
      code = fast.isPresent() ? fast.getAsInt() : run(args);
    } catch (Throwable e) { // an Error picocli does not handle, e.g. OutOfMemoryError
      code = Failures.report(e, List.of(args).contains("--debug"), new PrintWriter(System.err, true));
    }
    System.exit(code);
  }

  /** Runs the CLI without exiting (for tests). */
  public static int run(String... args) {
    CommandLine cl = newCommandLine(args);
    int code = cl.execute(args);
    return Streams.stdoutFailed(cl.getOut(), cl.getErr()) ? ExitCodes.INPUT_ERROR : code;
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
      return Failures.report(ex, parseResult.hasMatchedOption("--debug"), commandLine.getErr());
    });
    cl.setParameterExceptionHandler((ex, badArgs) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("bulwark: " + Failures.oneLine(ex.getMessage()));
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
}
