package dev.bulwark.cli;

import dev.bulwark.scan.InputFiles;

import dev.bulwark.dockerfile.json.ParseJson;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.BuildKitDump;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark parse FILE}: show the syntax tree and build model. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parse a Dockerfile and print its syntax tree and build model. Exit 1 when BuildKit would refuse the file.")
final class ParseCommand implements Callable<Integer> {

  /** The two dump formats. */
  enum Format {
    json,
    buildkit
  }

  @Parameters(paramLabel = "FILE", description = "The Dockerfile.")
  Path file;

  @Option(names = "--format", defaultValue = "json",
      description = "json (tree, model and shell facts) or buildkit (BuildKit's parser test dump). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    byte[] bytes = InputFiles.readNamed(file);
    BuildModel model = BuildModel.of(DockerfileParser.parse(bytes));
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? ParseJson.write(model) : BuildKitDump.dump(model.file()));
    out.flush();
    boolean errors = false;
    for (Diagnostic d : model.diagnostics()) {
      if (format == Format.buildkit || d.isError()) {
        // messages quote the Dockerfile: its control characters must not reach the terminal raw
        spec.commandLine().getErr().println(dev.bulwark.report.Escape.terminal(
            file + ":" + d.span().startLine() + ": " + d.level().name().toLowerCase() + ": " + d.message()));
      }
      errors |= d.isError();
    }
    return errors ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
