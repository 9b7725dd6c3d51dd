package dev.bulwark.cli;

import dev.bulwark.scan.InputFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end tests of the command line: output, exit codes, errors. */
class CliTest {
  private static final Path REPO = Path.of(System.getProperty("bulwark.repo", ".."));
  private static final Path EXAMPLES = REPO.resolve("examples");

  record Run(int exit, String out, String err) {}

  /** The run failed on its input with exit 2 and one line, {@code bulwark: error: …} naming {@code parts}, and no Java trace. */
  static void assertOneLineError(Run r, String... parts) {
    org.assertj.core.api.Assertions.assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    org.assertj.core.api.Assertions.assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("bulwark: error: ").contains(parts);
    org.assertj.core.api.Assertions.assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  /** {@code text} as the Dockerfile of {@code dir}. */
  static java.nio.file.Path dockerfile(java.nio.file.Path dir, String text) throws java.io.IOException {
    return java.nio.file.Files.writeString(dir.resolve("Dockerfile"), text);
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.newCommandLine(args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void version() {
    Run r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("bulwark ");
  }

  @Test
  void help_listsCommandsAndExitCodes() {
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("scan", "parse", "rules", "explain", "Exit codes:");
  }

  @Test
  void scan_goExample_namesRootAndLatest() {
    Run r = run("scan", "--no-color", EXAMPLES.resolve("go-api").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("critical", "BW-D001", "root", "alpine:latest", "1 critical", "7 files scanned"); // the Dockerfile, deploy/kubernetes.yaml, deploy/compose.yaml and hardened/Dockerfile.{distroless,alpine,chainguard,scratch}
  }

  @Test
  void scan_allExamples_eachHasFindings() {
    Run r = run("scan", "--no-color", "--format", "json", EXAMPLES.toString());
    assertThat(r.out()).contains("\"files\" : 25", "go-api/Dockerfile", "python-web/Dockerfile", "node-app/Dockerfile", "java-app/Dockerfile",
        "go-api/deploy/kubernetes.yaml", "go-api/deploy/compose.yaml");
  }

  @Test
  void failOnAndNoFail() {
    String go = EXAMPLES.resolve("go-api").toString();
    assertThat(run("scan", "--no-fail", go).exit()).isZero();
    assertThat(run("scan", "--fail-on", "critical", go).exit()).isEqualTo(1);
    assertThat(run("scan", "--fail-on", "banana", go).exit()).isEqualTo(2);
  }

  @Test
  void missingPath_isOneLineErrorExit2() {
    Run r = run("scan", "/no/such/dir");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("bulwark: error:").contains("/no/such/dir").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void debug_addsTheStackTrace() {
    Run r = run("--debug", "scan", "/no/such/dir");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void unknownOption_isUsageErrorExit2() {
    Run r = run("scan", "--bogus", ".");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option");
  }

  @Test
  void directoryDiscoveryAndExcludes(@TempDir Path dir) throws IOException {
    for (String name : new String[] {"Dockerfile", "svc/Dockerfile.prod", "svc/api.Dockerfile", "legacy/Containerfile", "docs/README.md",
        "vendor/x/Dockerfile", ".git/Dockerfile"}) {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "FROM alpine:3.20\nUSER 1000\n");
    }
    Run r = run("scan", "--no-fail", "--format", "json", "--exclude", "vendor/", dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"files\" : 4", "Dockerfile.prod", "api.Dockerfile", "Containerfile").doesNotContain("vendor", ".git");
  }

  @Test
  void binaryFile_isAFindingNotACrash(@TempDir Path dir) throws IOException {
    Path bin = dir.resolve("Dockerfile");
    Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, (byte) 0xff, (byte) 0xfe});
    Run r = run("scan", "--no-color", bin.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("BW-P001", "NUL bytes");
  }

  @Test
  void tooLargeFile_isRefusedWithAClearError(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("Dockerfile");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(InputFiles.MAX_BYTES + 10);
    }
    Run r = run("scan", big.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("larger than 64 MiB");
  }

  @Test
  void formatToFile(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("out.json");
    Run r = run("scan", "--no-fail", "--format", "tty", "--format", "json=" + json, EXAMPLES.resolve("go-api").toString());
    assertThat(r.exit()).isZero();
    assertThat(Files.readString(json)).contains("\"schemaVersion\" : 1");
    assertThat(run("scan", "--format", "xml", ".").exit()).isEqualTo(2);
  }

  @Test
  void parse_buildkitAndJson() {
    String df = EXAMPLES.resolve("go-api/Dockerfile").toString();
    Run bk = run("parse", "--format", "buildkit", df);
    assertThat(bk.exit()).isZero();
    assertThat(bk.out()).startsWith("(from \"alpine:latest\")\n").contains("(cmd \"/usr/local/bin/api\")");
    Run json = run("parse", df);
    assertThat(json.out()).contains("\"schemaVersion\" : 1", "\"normalized\" : \"docker.io/library/alpine:latest\"");
  }

  @Test
  void parse_invalidFileExits1WithDiagnostics(@TempDir Path dir) throws IOException {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM a\nCMD [1]\n");
    Run r = run("parse", df.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(":2: error: when using JSON array syntax");
  }

  @Test
  void rulesAndExplain() {
    assertThat(run("rules").out()).contains("BW-D001", "DL3002");
    Run e = run("explain", "DL3007");
    assertThat(e.exit()).isZero();
    assertThat(e.out()).contains("BW-D002", "Why it matters", "How to fix");
    assertThat(run("explain", "NOPE").exit()).isEqualTo(2);
  }
}
