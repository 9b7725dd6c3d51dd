package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.image.testing.LocalRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark sbom} and {@code bulwark image} given a registry reference: pulled from Debian's
 * docker-registry on 127.0.0.1 (image pushed by skopeo), analysed, and the temporary pull removed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryCliTest {
  static LocalRegistry registry;

  @BeforeAll
  static void start(@TempDir Path work) throws Exception {
    assumeTrue(LocalRegistry.available(), "skipped: needs docker-registry and skopeo (Debian packages; .ci/run installs them)");
    registry = LocalRegistry.start(work, LocalRegistry.Auth.NONE);
    registry.push("docker-archive:" + SbomCliTest.demoArchive(work), "demo/app:1");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static List<Path> pulls() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("bulwark-pull-")).toList();
    }
  }

  @Test
  void sbomAndImageChecksOfARegistryImage_leaveNoPullBehind() throws Exception {
    List<Path> before = pulls();
    String ref = registry.host() + "/demo/app:1";

    CliTest.Run sbom = CliTest.run("sbom", "--format", "cyclonedx", ref);
    assertThat(sbom.exit()).as(sbom.err()).isZero();
    assertThat(sbom.out()).contains("pkg:apk/alpine/musl@1.2.5-r0", "demo/app");

    CliTest.Run image = CliTest.run("image", "--no-color", ref);
    assertThat(image.exit()).as(image.err()).isEqualTo(1);
    assertThat(image.out()).contains("BW-M001");

    assertThat(pulls()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void missingTag_isAClearErrorWithoutStackTrace() throws Exception {
    List<Path> before = pulls();
    CliTest.Run r = CliTest.run("sbom", registry.host() + "/demo/app:does-not-exist");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("demo/app:does-not-exist", "not found").doesNotContain("\tat ");
    assertThat(pulls()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void fixPinDigest_appendsTheDigestTheTagPointsToKeepingTheTag(@TempDir Path tmp) throws Exception {
    String image = registry.host() + "/demo/app:1";
    Path f = tmp.resolve("Dockerfile");
    Files.writeString(f, "ARG BASE=" + image + "\nFROM ${BASE} AS build\nFROM scratch AS empty\nFROM build\nFROM " + image + "\nUSER 1000\n");
    CliTest.Run r = CliTest.run("fix", "--pin-digest", "--rule", "BW-D032", "--write", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String digest = registry.rawDigest("demo/app:1");
    assertThat(Files.readString(f)).isEqualTo("ARG BASE=" + image + "@" + digest + "\nFROM ${BASE} AS build\nFROM scratch AS empty\nFROM build\nFROM "
        + image + "@" + digest + "\nUSER 1000\n");
    assertThat(r.err()).contains(f + ":2:6 pin-digest Pin " + registry.host() + "/demo/app:1 to its digest " + digest, "fixed 2 findings in 1 file");
    // pinned already: nothing to do
    CliTest.Run again = CliTest.run("fix", "--pin-digest", f.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).isEmpty();

    Files.writeString(f, "FROM " + registry.host() + "/demo/none:7\n");
    CliTest.Run missing = CliTest.run("fix", "--pin-digest", f.toString());
    assertThat(missing.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).contains("cannot resolve " + registry.host() + "/demo/none:7", "not found", "(not pinned)");
  }
}
