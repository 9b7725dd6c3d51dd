package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.OutputFormat;
import dev.bulwark.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output file that is also where standard output was redirected would be written over by the stdout format. */
class OutputTargetTest {

  @Test
  void aFileThatIsAlsoTheRedirectedStdoutIsRefused(@TempDir Path dir) throws Exception {
    Path report = Files.writeString(dir.resolve("r.json"), "");
    Path link = Files.createSymbolicLink(dir.resolve("fd1"), report); // stands in for /proc/self/fd/1 after `> r.json`
    List<Scanner.Output> outputs = List.of(new Scanner.Output(OutputFormat.TTY, null), new Scanner.Output(OutputFormat.JSON, report));
    assertThatThrownBy(() -> OutputTarget.checkWritable(outputs, link))
        .hasMessage("--format " + report + ": standard output is redirected to this file too; give the format another file");
  }

  @Test
  void otherFilesAndAFileWithNothingOnStdoutAreFine(@TempDir Path dir) throws Exception {
    Path report = Files.writeString(dir.resolve("r.json"), "");
    Path elsewhere = Files.writeString(dir.resolve("tty.txt"), "");
    Path link = Files.createSymbolicLink(dir.resolve("fd1"), elsewhere);
    assertThatCode(() -> OutputTarget.checkWritable(
        List.of(new Scanner.Output(OutputFormat.TTY, null), new Scanner.Output(OutputFormat.JSON, report)), link)).doesNotThrowAnyException();
    // stdout and a format both to /dev/null (the launcher's AOT training run does this)
    Path devNull = Files.createSymbolicLink(dir.resolve("fd1null"), Path.of("/dev/null"));
    assertThatCode(() -> OutputTarget.checkWritable(
        List.of(new Scanner.Output(OutputFormat.TTY, null), new Scanner.Output(OutputFormat.JSON, Path.of("/dev/null"))), devNull))
        .doesNotThrowAnyException();
    Path same = Files.createSymbolicLink(dir.resolve("fd1b"), report);
    assertThatCode(() -> OutputTarget.checkWritable(List.of(new Scanner.Output(OutputFormat.JSON, report)), same)).doesNotThrowAnyException();
  }
}
