package dev.bulwark.cli;

import static dev.bulwark.cli.CliTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that are not what they claim through the CLI: FIFOs, devices, files past their limits,
 * patterns that backtrack, odd bytes and unreadable directories. Each run must end (the timeout is
 * a hang guard, not a performance bound), and an input error is exit 2 with one line, no trace.
 */
class HostileInputCliTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final String DF = "FROM alpine:3.20\nUSER 1000\nCOPY . /app\n";

  private static CliTest.Run run(String... args) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> CliTest.run(args));
  }

  private static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path p = dir.resolve(name);
    int rc;
    try {
      rc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      rc = -1;
    }
    assumeTrue(rc == 0, "mkfifo is not available: FIFO cases skipped");
    return p;
  }

  private static Path dockerfile(Path dir) throws IOException {
    return CliTest.dockerfile(dir, DF);
  }


  @Test
  void fifoAsDockerfile_isRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
    Path p = fifo(dir, "Dockerfile");
    assertOneLineError(run("scan", "--format", "json", p.toString()), p + ": not a regular file (a FIFO)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--config", "--baseline"})
  void fifoAsConfigOrBaseline_isRefused(String option, @TempDir Path dir) throws Exception {
    Path input = fifo(dir, "input");
    assertOneLineError(run("scan", option, input.toString(), dockerfile(dir).toString()), input + ": not a regular file (a FIFO)");
  }

  @Test
  void fifoAsDiscoveredConfig_isRefused(@TempDir Path dir) throws Exception {
    Path cfg = fifo(dir, ".bulwark.yaml");
    assertOneLineError(run("scan", dockerfile(dir).toString()), cfg + ": not a regular file (a FIFO)");
  }

  @Test
  void fifoAsDockerignore_isRefused(@TempDir Path dir) throws Exception {
    Path ignore = fifo(dir, ".dockerignore");
    assertOneLineError(run("scan", dockerfile(dir).toString()), "cannot list the build context", "not a regular file (a FIFO)");
    assertThat(ignore).exists();
  }

  @Test
  void devZeroAsConfigOrBaseline_isRefused(@TempDir Path dir) throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero here");
    String df = dockerfile(dir).toString();
    assertOneLineError(run("scan", "--config", "/dev/zero", df), "/dev/zero: not a regular file (a character device)");
    assertOneLineError(run("scan", "--baseline", "/dev/zero", df), "/dev/zero: not a regular file (a character device)");
  }

  @Test
  void directoryAsConfig_isRefused(@TempDir Path dir) throws IOException {
    assertOneLineError(run("scan", "--config", dir.toString(), dockerfile(dir).toString()), dir + ": not a regular file (a directory)");
  }

  @Test
  void configPastItsByteLimit_isRefusedBeforeItIsParsed(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("big.yaml");
    Files.writeString(cfg, "# " + "x".repeat(1_100_000) + "\n");
    assertOneLineError(run("scan", "--config", cfg.toString(), dockerfile(dir).toString()), cfg + ": file is larger than 1 MB; not a config file");
  }

  @Test
  void hugeDockerignore_isOneError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".dockerignore"), "a\n".repeat(600_000)); // 1.2 MB
    assertOneLineError(run("scan", dockerfile(dir).toString()), "cannot list the build context: file is larger than 1 MiB");
  }

  @Test
  void latin1Dockerignore_isReadLeniently(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve(".dockerignore"), "caf\u00e9\n.env\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve(".env"), "X=1\n");
    Path df = dockerfile(dir);
    CliTest.Run r = run("scan", "--no-fail", "--format", "json", df.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    Files.delete(dir.resolve(".dockerignore"));
    CliTest.Run unignored = run("scan", "--no-fail", "--format", "json", df.toString());
    // the .env is only excluded (no finding about sending it) when the file with the Latin-1 byte was read
    assertThat(r.out()).isNotEqualTo(unignored.out());
  }

  @Test
  void backtrackingPatterns_everywhere_finish(@TempDir Path dir) throws IOException {
    String hostile = "**/**/**/**/**/**/**/**/*a*b*c*d*e*f*";
    Path deep = dir.resolve("a/".repeat(40));
    Files.createDirectories(deep);
    Files.writeString(deep.resolve("Dockerfile"), DF);
    Files.writeString(dir.resolve(".dockerignore"), hostile + "\n");
    Files.writeString(dir.resolve(".bulwark.yaml"), "exclude: [\"" + hostile + "\"]\npaths: [{path: \"" + hostile + "\", ignore: [BW-D001]}]\n"
        + "allowedBaseImages: [\"" + hostile + "\"]\ntrustedRegistries: [\"" + hostile + "\"]\n");
    Files.writeString(deep.resolve(".dockerignore"), hostile + "\n");
    CliTest.Run r = run("scan", "--no-fail", "--exclude", hostile, "--format", "json", dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"files\" : 1");
  }

  @Test
  void badExcludePattern_isOneError(@TempDir Path dir) throws IOException {
    assertOneLineError(run("scan", "--exclude", "[]", dockerfile(dir).toString()), "exclude pattern '[]'");
  }

  @Test
  void unreadableDirectory_isReportedNotSkippedSilently(@TempDir Path dir) throws IOException {
    dockerfile(dir);
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.writeString(locked.resolve("Dockerfile"), DF);
    try {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
      assumeTrue(!Files.isReadable(locked), "running as root: permissions are not enforced");
      CliTest.Run r = run("scan", "--no-fail", "--format", "json", "--exclude", "Dockerfile", dir.toString());
      assertOneLineError(r, locked + ": cannot read this directory (permission denied)");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * An image that is, or holds, a special file: named on the command line (a FIFO, /dev/zero), or a
   * docker-save directory whose layer or manifest is a FIFO. Each is one error line, without
   * opening the FIFO (which would block) or reading the device (which never ends).
   */
  @Test
  void imageThatIsOrHoldsASpecialFile_isOneError_withoutBlocking(@TempDir Path dir) throws Exception {
    Path fifo = fifo(dir, "image.tar");
    for (String command : new String[] {"sbom", "image"}) {
      assertOneLineError(run(command, fifo.toString()), fifo + ": not a regular file or directory");
      assertOneLineError(run(command, "/dev/zero"), "/dev/zero: not a regular file or directory");
    }
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    try (var t = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(SbomCliTest.demoArchive(dir)))) {
      for (var e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        Files.createDirectories(unpacked.resolve(e.getName()).getParent());
        Files.write(unpacked.resolve(e.getName()), t.readAllBytes());
      }
    }
    assertThat(run("sbom", unpacked.toString()).out()).contains("musl"); // the unpacked archive reads
    Files.delete(unpacked.resolve("l/layer.tar"));
    fifo(unpacked, "l/layer.tar");
    assertOneLineError(run("sbom", unpacked.toString()), unpacked.toString(), "l/layer.tar");
    Files.delete(unpacked.resolve("manifest.json"));
    fifo(unpacked, "manifest.json");
    assertOneLineError(run("image", unpacked.toString()), unpacked.toString());
  }
}
