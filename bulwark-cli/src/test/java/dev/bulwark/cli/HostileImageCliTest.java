package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.HostileImages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile image set ({@link HostileImages}: RPM databases that hang, truncated and malformed
 * tars, nested-jar fan-out, zip bombs, hundreds of Go binaries, databases padded past the limits)
 * through {@code bulwark sbom}, each in its own JVM as CI runs it: {@code -Xmx512m} (an input
 * needing more fails with the out-of-memory exit code), at most 30 s of CPU time and 1 GB of peak
 * RSS (measured by GNU time when it is installed; CPU rather than wall time, since the build
 * machine may be shared), a hang guard, the expected exit code and message, no stack trace, and
 * nothing left in the run's own temporary directory.
 */
class HostileImageCliTest {
  private static final long GUARD_SECONDS = 120;
  private static final double MAX_CPU_SECONDS = 30;
  private static final long MAX_RSS_KB = 1024 * 1024;
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static Path inputs;

  static Stream<HostileImages.Input> inputs() throws Exception {
    if (inputs == null) {
      inputs = Files.createTempDirectory("bulwark-hostile-images");
    }
    return HostileImages.all(inputs, false).stream();
  }

  @AfterAll
  static void removeInputs() throws IOException {
    if (inputs != null) {
      try (Stream<Path> walk = Files.walk(inputs)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The exit code, stdout and stderr of one run, what it left in its temporary directory, and its CPU seconds and peak RSS (-1: not measured). */
  record Run(int exit, String out, String err, List<String> leftInTmp, double cpuSeconds, long rssKb) {}

  static Run run(Path tmp, long killAfterMillis, String... args) throws Exception {
    File usage = tmp.resolveSibling(tmp.getFileName() + ".usage").toFile();
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(GNU_TIME) && killAfterMillis == 0) {
      cmd.addAll(List.of(GNU_TIME.toString(), "-o", usage.toString(), "-f", "%U %S %M"));
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-Xss4m",
        "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        "dev.bulwark.cli.Main"));
    cmd.addAll(List.of(args));
    File out = tmp.resolveSibling(tmp.getFileName() + ".out").toFile();
    File err = tmp.resolveSibling(tmp.getFileName() + ".err").toFile();
    Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
    if (killAfterMillis > 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
      p.destroy(); // SIGTERM, as CI cancels a job
    }
    if (!p.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", args) + ": still running after " + GUARD_SECONDS + " s");
    }
    List<String> left;
    try (Stream<Path> l = Files.list(tmp)) {
      left = l.map(f -> f.getFileName().toString()).toList();
    }
    double cpu = -1;
    long rss = -1;
    if (usage.exists()) {
      String[] f = Files.readString(usage.toPath()).strip().split("\\s+");
      String[] last = java.util.Arrays.copyOfRange(f, f.length - 3, f.length); // GNU time may print a status line first
      cpu = Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
      rss = Long.parseLong(last[2]);
      Files.delete(usage.toPath());
    }
    Run r = new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8), Files.readString(err.toPath(), StandardCharsets.UTF_8), left,
        cpu, rss);
    Files.delete(out.toPath());
    Files.delete(err.toPath());
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void sbom_staysWithinBounds_andSaysWhatHappened(HostileImages.Input input) throws Exception {
    Path tmp = Files.createDirectories(inputs.resolve("tmp-" + input.name()));
    Run r = run(tmp, 0, "sbom", "--format", "json", input.path().toString());
    assertThat(r.err()).as(input.name()).doesNotContain("\tat ", "Exception", "out of memory");
    assertThat(r.exit()).as(input.name() + ": " + r.err()).isEqualTo(input.expect().exit());
    assertThat(r.out() + r.err()).as(input.name()).contains(input.expect().contains());
    if (r.exit() == 2) {
      assertThat(r.err().lines().toList()).as(input.name()).singleElement().asString().startsWith("bulwark: error: ").contains(input.path().toString());
    }
    assertThat(r.leftInTmp()).as(input.name() + ": left in its temporary directory").isEmpty();
    assertThat(r.cpuSeconds()).as(input.name() + ": CPU seconds").isLessThan(MAX_CPU_SECONDS);
    assertThat(r.rssKb()).as(input.name() + ": peak RSS in KiB").isLessThan(MAX_RSS_KB);
    Files.delete(tmp);
  }

  /** The image checks read the same way: a hostile layer is the same one-line error; a hanging database does not hang them. */
  @Test
  void image_readsHostileInputAsSbomDoes() throws Exception {
    for (HostileImages.Input input : inputs().filter(i -> i.name().startsWith("rpm-recursive") || i.name().startsWith("tar-header-cut")).toList()) {
      Path tmp = Files.createDirectories(inputs.resolve("tmp-image-" + input.name()));
      Run r = run(tmp, 0, "image", "--no-fail", input.path().toString());
      assertThat(r.err()).doesNotContain("\tat ", "Exception");
      assertThat(r.exit()).as(input.name() + ": " + r.err()).isEqualTo(input.expect().exit());
      assertThat(r.out() + r.err()).contains(input.expect().contains()); // the error, or the SBOM's gap as a warning
      assertThat(r.leftInTmp()).isEmpty();
      Files.delete(tmp);
    }
  }

  /** Cancelled at any moment (SIGTERM), a run on an RPM image leaves nothing in its temporary directory. */
  @Test
  void terminatedRun_leavesNoTemporaryFiles() throws Exception {
    HostileImages.Input rpm = inputs().filter(i -> i.name().equals("rpm-recursive-view")).findFirst().orElseThrow();
    for (long after : new long[] {150, 300, 450, 600, 800, 1000, 1300}) {
      Path tmp = Files.createDirectories(inputs.resolve("tmp-term-" + after));
      Run r = run(tmp, after, "sbom", "--format", "json", rpm.path().toString());
      assertThat(r.leftInTmp()).as("terminated after %d ms (exit %d)", after, r.exit()).isEmpty();
      Files.delete(tmp);
    }
  }
}
