package dev.bulwark.cli;

import static dev.bulwark.cli.CliTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, errors in words, where outputs go, and baselines that survive how a path is typed. */
class ErrorsAndOutputsCliTest {
  private static final String DF = "FROM alpine:latest\nRUN curl -k https://x.example/i.sh | sh\n";

  /** Runs a command line through the fast path (when it takes it) and through picocli; both must agree. */
  static CliTest.Run both(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    OptionalInt fast = FastPath.tryRun(args, new PrintWriter(out), new PrintWriter(err, true));
    CliTest.Run slow = CliTest.run(args);
    if (fast.isPresent()) {
      assertThat(fast.getAsInt()).as("fast path exit").isEqualTo(slow.exit());
      assertThat(err.toString()).as("fast path error").isEqualTo(slow.err());
    }
    return slow;
  }

  private static Path dockerfile(Path dir) throws IOException {
    return CliTest.dockerfile(dir, DF);
  }


  @Test
  void missingBaseline_namesTheFileAndTheReason(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    assertOneLineError(both("scan", "--baseline", dir.resolve("nope.json").toString(), df.toString()), "--baseline", "nope.json: no such file");
  }

  @Test
  void configThatIsADirectory_saysSo(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    assertOneLineError(both("scan", "--config", dir.toString(), df.toString()), "--config " + dir + ": not a regular file (a directory)");
  }

  @Test
  void baselineNotUtf8_saysSoInsteadOfInputLength(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    Path b = dir.resolve("b.json");
    Files.write(b, new byte[] {'{', (byte) 0xff, '}'});
    CliTest.Run r = both("scan", "--baseline", b.toString(), df.toString());
    assertOneLineError(r, b + ": not a baseline (not valid UTF-8)");
    assertThat(r.err()).doesNotContain("Input length");
  }

  @Test
  void outputIntoAMissingDirectory_failsBeforeScanning(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    CliTest.Run r = both("scan", "--format", "sarif=" + dir.resolve("no/dir/x.sarif"), df.toString());
    assertOneLineError(r, "--format " + dir.resolve("no/dir/x.sarif") + ": no such directory " + dir.resolve("no/dir"));
    assertThat(r.out()).isEmpty();
    assertOneLineError(both("scan", "--write-baseline", dir.resolve("no/b.json").toString(), df.toString()), "--write-baseline", "no such directory");
    assertOneLineError(both("scan", "--format", "json=" + dir, df.toString()), "is a directory");
  }

  @Test
  void readOnlyOutput_failsBeforeScanning(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    Path ro = dir.resolve("ro.json");
    Files.writeString(ro, "");
    if (!ro.toFile().setWritable(false) || Files.isWritable(ro)) {
      return; // root writes anyway: the check is not needed there
    }
    assertOneLineError(both("scan", "--format", "json=" + ro, df.toString()), "not writable");
  }

  @Test
  void dashIsStandardOutput_andNoFileNamedDashAppears(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    CliTest.Run r = both("scan", "--no-fail", "--format", "json=-", df.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"schemaVersion\" : 1");
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void standardOutputUnderAnotherName_countsAsStandardOutput(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    for (String name : new String[] {"/dev/stdout", "/proc/self/fd/1", "-"}) {
      CliTest.Run r = CliTest.run("scan", "--format", "tty", "--format", "json=" + name, df.toString());
      assertThat(r.exit()).as(name).isEqualTo(2);
      assertThat(r.err()).as(name).contains("only one format can go to standard output");
    }
  }

  @Test
  void twoFormatsIntoOneFile_isAUsageError(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    CliTest.Run r = CliTest.run("scan", "--format", "json=" + dir.resolve("a.json"), "--format", "sarif=" + dir.resolve("sub/../a.json"),
        df.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("json and sarif would both write");
    assertThat(dir.resolve("a.json")).doesNotExist();
  }

  @Test
  void failedWriteToStandardOutput_isReportedWithExit2(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    StringWriter err = new StringWriter();
    OptionalInt code = FastPath.tryRun(new String[] {"scan", "--no-fail", df.toString()}, new PrintWriter(full), new PrintWriter(err, true));
    assertThat(code).hasValue(ExitCodes.INPUT_ERROR);
    assertThat(err.toString()).isEqualTo("bulwark: error: cannot write to standard output (disk full, or the reader closed it)\n");
  }

  @Test
  void baseline_matchesHoweverThePathIsTyped(@TempDir Path dir) throws IOException {
    Path df = dockerfile(dir);
    Path base = dir.resolve("baseline.json");
    assertThat(CliTest.run("scan", "--no-fail", "--write-baseline", base.toString(), dir.toString()).exit()).isZero();
    Path cwd = Path.of("").toAbsolutePath();
    for (String typed : new String[] {df.toString(), dir + "/./Dockerfile", cwd.relativize(df).toString(), "./" + cwd.relativize(dir)}) {
      CliTest.Run r = CliTest.run("scan", "--baseline", base.toString(), typed);
      assertThat(r.exit()).as(typed).isZero();
    }
    assertThat(Files.readString(base)).contains("\"version\" : 2", "\"path\" : \"Dockerfile\"");
  }

  @Test
  void parseDiagnosticsAndExplain_escapeControlCharacters(@TempDir Path dir) throws IOException {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM alpine:3.20\nFOO\u001b]0;pwned\u0007 x\n");
    CliTest.Run r = CliTest.run("parse", df.toString());
    assertThat(r.err()).contains("^[]0;pwned^G").doesNotContain("\u001b", "\u0007");
    assertThat(CliTest.run("explain", "X\u001b[2J").err()).contains("'X^[[2J'").doesNotContain("\u001b");
  }

  @Test
  void internalErrors_exit3WithOneLineAndNoJavaMessage() {
    StringWriter err = new StringWriter();
    int code = Failures.report(new NullPointerException("Cannot read the array length because \"blob\" is null"), false, new PrintWriter(err));
    assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR).isEqualTo(3);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("bulwark: internal error: NullPointerException")
        .contains("this is a bug in Bulwark", "--debug").doesNotContain("blob");
  }

  @Test
  void aFileABugKeptFromBeingAnalyzed_exits3EvenWithNoFail() {
    dev.bulwark.report.ScanReport report = new dev.bulwark.report.ScanReport(java.util.List.of(
        dev.bulwark.report.FileReport.failed("Dockerfile", "internal error while analyzing: NullPointerException")));
    assertThat(Scan.exitCode(new dev.bulwark.scan.Scanner.Result(report, java.util.Collections.singletonList(null), 1), null, true))
        .isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(Scan.exitCode(new dev.bulwark.scan.Scanner.Result(report, java.util.Collections.singletonList(null)), null, true))
        .isEqualTo(ExitCodes.INPUT_ERROR);
  }

  @Test
  void outOfMemory_exit3WithHowToRaiseTheCap() {
    StringWriter err = new StringWriter();
    assertThat(Failures.report(new OutOfMemoryError("Java heap space"), false, new PrintWriter(err))).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(err.toString()).startsWith("bulwark: error: out of memory").contains("BULWARK_JAVA_OPTS=-Xmx");
  }

  @Test
  void debug_printsTheTraceOfAnInternalError() {
    StringWriter err = new StringWriter();
    Failures.report(new IllegalStateException("x"), true, new PrintWriter(err));
    assertThat(err.toString()).contains("\tat ");
  }

  @Test
  void javaExceptions_becomeWords() {
    assertThat(Failures.inWords(new MalformedInputException(1))).isEqualTo("not valid UTF-8");
    assertThat(Failures.inWords(new AccessDeniedException("/etc/x"))).isEqualTo("/etc/x: permission denied");
    assertThat(Failures.inWords(new FileSystemException("/ro/x", null, "Read-only file system"))).isEqualTo("/ro/x: read-only file system");
    assertThat(Failures.inWords(new IOException((String) null))).isEqualTo("input/output error");
    String huge = "[" + "a".repeat(3_000_000);
    PatternSyntaxException bad = null;
    try {
      Pattern.compile(huge);
    } catch (PatternSyntaxException e) {
      bad = e;
    }
    assertThat(Failures.inWords(bad)).startsWith("invalid pattern: ").hasSizeLessThan(Failures.MAX_LINE);
    assertThat(Failures.oneLine("x".repeat(10_000) + "\n" + "y")).hasSize(Failures.MAX_LINE).doesNotContain("\n");
    assertThat(Failures.oneLine("a\u001b]0;t\u0007")).isEqualTo("a^[]0;t^G");
  }
}
