package dev.bulwark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.json.ParseJson;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken input: each case ends in a clear diagnostic or a best-effort tree, never
 * an exception. The timeouts only catch hangs; they are not performance assertions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {

  /** Parses, builds the model, reads every RUN as shell and dumps JSON: the whole pipeline. */
  static BuildModel fullPipeline(byte[] bytes) {
    Dockerfile file = DockerfileParser.parse(bytes);
    BuildModel model = BuildModel.of(file);
    for (var stage : model.stages()) {
      for (Command.Run run : stage.commands(Command.Run.class)) {
        if (run.command() instanceof CommandLine.Shell sh) {
          ShellFacts.of(ShellParser.parse(sh.script()).script());
        }
      }
    }
    ParseJson.write(model);
    return model;
  }

  @Test
  void binaryFile_isReportedAsNotADockerfile() {
    byte[] bytes = new byte[64 * 1024];
    new Random(7).nextBytes(bytes);
    bytes[100] = 0;
    BuildModel model = fullPipeline(bytes);
    assertThat(model.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("NUL bytes"));
  }

  @Test
  void invalidUtf8_isAWarningAndTheRestParses() {
    byte[] bytes = "FROM alpine:3.20\nRUN echo \u0000".getBytes(StandardCharsets.UTF_8);
    byte[] withBad = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, withBad, 0, bytes.length - 1);
    withBad[bytes.length - 1] = (byte) 0xC3;
    withBad[bytes.length] = (byte) 0x28;
    withBad[bytes.length + 1] = '\n';
    BuildModel model = fullPipeline(withBad);
    assertThat(model.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("not valid UTF-8"));
    assertThat(model.stages()).hasSize(1);
  }

  @Test
  void nulBytes_inTheMiddleOfText() {
    BuildModel model = fullPipeline("FROM alpine\nRUN echo a\0b\n".getBytes(StandardCharsets.UTF_8));
    assertThat(model.diagnostics()).anyMatch(Diagnostic::isError);
    assertThat(model.file().instructions()).hasSize(2);
  }

  @Test
  void fiftyMegabyteFile_parsesCompletely() {
    StringBuilder sb = new StringBuilder(52 * 1024 * 1024).append("FROM alpine:3.20\n");
    int lines = 0;
    while (sb.length() < 50 * 1024 * 1024) {
      sb.append("RUN echo line ").append(lines++).append(" padding padding padding padding padding padding padding pad\n");
    }
    Dockerfile file = DockerfileParser.parse(sb.toString());
    assertThat(file.instructions()).hasSize(lines + 1);
    assertThat(file.print().length()).isEqualTo(sb.length());
  }

  @Test
  void hundredThousandContinuationLines_formOneInstruction() {
    String text = "FROM alpine:3.20\nRUN echo \\\n" + "  word \\\n".repeat(100_000) + "  end\n";
    BuildModel model = fullPipeline(text.getBytes(StandardCharsets.UTF_8));
    assertThat(model.file().instructions()).hasSize(2);
    assertThat(model.file().instructions().get(1).endLine()).isEqualTo(100_003);
  }

  @Test
  void unterminatedHeredoc_isAnErrorCoveringTheRestOfTheFile() {
    Dockerfile file = DockerfileParser.parse("FROM a\nRUN <<EOF\necho 1\necho 2\n");
    assertThat(file.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("unterminated heredoc"));
    assertThat(file.print()).isEqualTo("FROM a\nRUN <<EOF\necho 1\necho 2\n");
  }

  @Test
  void unterminatedQuotes_inShellAndInExpansion() {
    BuildModel model = fullPipeline("FROM a\nRUN echo \"open\nENV A=\"open\nWORKDIR '/x\n".getBytes(StandardCharsets.UTF_8));
    assertThat(model.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("double-quote"));
    ShellParseResult r = ShellParser.parse("echo \"open");
    assertThat(r.ok()).isFalse();
    assertThat(r.error().getMessage()).contains("unterminated double quote");
  }

  @Test
  void deeplyNestedCommandSubstitution_isRefusedCleanly() {
    String nested = "echo " + "$(echo ".repeat(10_000) + "x" + ")".repeat(10_000);
    ShellParseResult r = ShellParser.parse(nested);
    assertThat(r.ok()).isFalse();
    assertThat(r.error().getMessage()).contains("nesting deeper than");
    fullPipeline(("FROM a\nRUN " + nested + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deeplyNestedSubshellsGroupsAndBackquotes_areRefusedCleanly() {
    assertThat(ShellParser.parse("(".repeat(50_000) + "true" + ")".repeat(50_000)).ok()).isFalse();
    assertThat(ShellParser.parse("{ ".repeat(50_000) + "true; " + "} ".repeat(50_000)).ok()).isFalse();
    assertThat(ShellParser.parse("if true; then ".repeat(20_000) + "x" + "; fi".repeat(20_000)).ok()).isFalse();
    StringBuilder bq = new StringBuilder("x");
    for (int i = 0; i < 12; i++) {
      bq = new StringBuilder("echo `" + bq.toString().replace("\\", "\\\\").replace("`", "\\`") + "`");
    }
    ShellParser.parse(bq.toString());
  }

  @Test
  void deeplyNestedVariableExpansion_inAnInstruction() {
    String deep = "${A:-".repeat(20_000) + "x" + "}".repeat(20_000);
    BuildModel model = fullPipeline(("FROM a\nENV B=" + deep + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(model.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("nesting"));
  }

  @Test
  void onbuildChains_areBounded() {
    BuildModel model = fullPipeline(("FROM a\n" + "ONBUILD ".repeat(100_000) + "RUN x\n").getBytes(StandardCharsets.UTF_8));
    assertThat(model.diagnostics()).anyMatch(Diagnostic::isError);
  }

  @Test
  void hugeSingleLine_andManyFlags() {
    String line = "FROM a\nRUN " + "--mount=type=cache,target=/c ".repeat(20_000) + "echo " + "x".repeat(2_000_000) + "\n";
    BuildModel model = fullPipeline(line.getBytes(StandardCharsets.UTF_8));
    assertThat(model.file().instructions()).hasSize(2);
  }

  @Test
  void jsonNesting_fallsBackToShellForm() {
    Dockerfile file = DockerfileParser.parse("FROM a\nCMD " + "[".repeat(100_000) + "\n");
    assertThat(file.instructions().get(1).json()).isFalse();
  }

  @Test
  void emptyAndWhitespaceOnly() {
    assertThat(fullPipeline(new byte[0]).diagnostics()).anySatisfy(d -> assertThat(d.message()).isEqualTo("file with no instructions"));
    assertThat(fullPipeline(" \n\t\n\r\n".getBytes(StandardCharsets.UTF_8)).file().print()).isEqualTo(" \n\t\n\r\n");
  }
}
