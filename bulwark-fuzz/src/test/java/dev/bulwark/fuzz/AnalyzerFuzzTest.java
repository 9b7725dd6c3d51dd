package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.image.source.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Each package analyzer, reached as in a real image: the input is the file the analyzer reads,
 * at its path in the only layer of an image (with an os-release that fits), and the image's SBOM is
 * made. An analyzer documents "empty when it does not parse" (or a gap for a database): only
 * {@link ImageException} from reading the image may escape.
 */
class AnalyzerFuzzTest {
  private static final byte[] DEBIAN = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ALPINE = "ID=alpine\nVERSION_ID=3.20.3\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RHEL = "ID=\"rhel\"\nVERSION_ID=\"9.4\"\n".getBytes(StandardCharsets.UTF_8);

  static {
    Bounds.warmUp(FuzzImage::warmUp);
  }

  @FuzzTest
  void dpkg(byte[] input) {
    analyze(DEBIAN, "var/lib/dpkg/status", input, 0644);
  }

  @FuzzTest
  void distrolessDpkg(byte[] input) {
    analyze(DEBIAN, "var/lib/dpkg/status.d/base", input, 0644);
  }

  @FuzzTest
  void apk(byte[] input) {
    analyze(ALPINE, "lib/apk/db/installed", input, 0644);
  }

  @FuzzTest
  void rpmSqlite(byte[] input) {
    analyze(RHEL, "var/lib/rpm/rpmdb.sqlite", input, 0644);
  }

  /**
   * SQLite databases that once hung or crashed the RPM analyzer (issue 15, classes 6 and 10):
   * recursive-view, a Packages view that never ends; null-blob-npe (found by bench/fuzz.sh), a row
   * whose blob is NULL, which threw NullPointerException in RpmHeader.parse.
   */
  @FuzzTest
  void rpmSqliteHostile(byte[] input) {
    rpmSqlite(input);
  }

  @FuzzTest
  void rpmBerkeleyDb(byte[] input) {
    analyze(RHEL, "var/lib/rpm/Packages", input, 0644);
  }

  @FuzzTest
  void python(byte[] input) {
    analyze(DEBIAN, "usr/lib/python3/site-packages/pkg-1.0.dist-info/METADATA", input, 0644);
  }

  @FuzzTest
  void nodeModules(byte[] input) {
    analyze(DEBIAN, "app/node_modules/pkg/package.json", input, 0644);
  }

  @FuzzTest
  void packageLock(byte[] input) {
    analyze(DEBIAN, "app/package-lock.json", input, 0644);
  }

  @FuzzTest
  void yarnLock(byte[] input) {
    analyze(DEBIAN, "app/yarn.lock", input, 0644);
  }

  @FuzzTest
  void pnpmLock(byte[] input) {
    analyze(DEBIAN, "app/pnpm-lock.yaml", input, 0644);
  }

  @FuzzTest
  void javaArchive(byte[] input) {
    analyze(DEBIAN, "app/app.jar", input, 0644);
  }

  /** Go and Rust binaries share the executable watch; both analyzers see every executable. */
  @FuzzTest
  void binary(byte[] input) {
    analyze(DEBIAN, "usr/local/bin/app", executable(input), 0755);
  }

  /** Executables of 1 KiB or less are not watched: shorter inputs are padded with zeros. */
  private static byte[] executable(byte[] input) {
    return input.length > 1024 ? input : Arrays.copyOf(input, 1025);
  }

  private static void analyze(byte[] osRelease, String path, byte[] content, int mode) {
    Bounds.check(() -> FuzzImage.read(List.of(FuzzImage.Blob.tar(FuzzImage.tar(List.of(
        new FuzzImage.Entry("etc/os-release", osRelease, 0644), new FuzzImage.Entry(path, content, mode)))))),
        ImageException.class);
  }
}
