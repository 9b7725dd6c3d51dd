package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark sbom} end to end on a small docker-save archive. */
class SbomCliTest {

  static byte[] tar(String... nameContent) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (int i = 0; i < nameContent.length; i += 2) {
        byte[] c = nameContent[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(nameContent[i]);
        e.setSize(c.length);
        t.putArchiveEntry(e);
        t.write(c);
        t.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** A docker-save archive tagged demo:1 with one layer: Alpine 3.20.3 and one apk package, musl. */
  static Path demoArchive(Path dir) throws Exception {
    return archive(dir, tar("etc/alpine-release", "3.20.3\n", "lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\n\n"));
  }

  static Path archive(Path dir, byte[] layer) throws Exception {
    return archive(dir, layer, "{}");
  }

  /** The same with {@code runConfig} as the image config's {@code config} object (User, ExposedPorts…). */
  static Path archive(Path dir, byte[] layer, String runConfig) throws Exception {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + runConfig
        + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = "[{\"Config\":\"c.json\",\"RepoTags\":[\"demo:1\"],\"Layers\":[\"l/layer.tar\"]}]".getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("demo.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      for (Object[] f : new Object[][] {{"c.json", config}, {"l/layer.tar", layer}, {"manifest.json", manifest}}) {
        byte[] c = (byte[]) f[1];
        TarArchiveEntry e = new TarArchiveEntry((String) f[0]);
        e.setSize(c.length);
        t.putArchiveEntry(e);
        t.write(c);
        t.closeArchiveEntry();
      }
    }
    return archive;
  }

  @Test
  void sbomAndImageChecksOfADockerSaveArchive(@TempDir Path dir) throws Exception {
    Path archive = demoArchive(dir);
    CliTest.Run table = CliTest.run("sbom", archive.toString());
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("demo:1", "musl", "1.2.5-r0", "1 package");
    CliTest.Run cdx = CliTest.run("sbom", "--format", "cyclonedx", archive.toString());
    assertThat(cdx.out()).contains("\"specVersion\" : \"1.6\"", "pkg:apk/alpine/musl@1.2.5-r0");
    CliTest.Run image = CliTest.run("image", "--no-color", archive.toString());
    assertThat(image.exit()).isEqualTo(1);
    assertThat(image.out()).contains("BW-M001", "run as root", "BW-M012");
    CliTest.Run json = CliTest.run("image", "--no-fail", "--format", "sarif", archive.toString());
    assertThat(json.exit()).isZero();
    assertThat(json.out()).contains("\"ruleId\" : \"BW-M001\"");
    // the picocli-free path prints the same documents and errors
    for (String format : new String[] {"table", "json", "spdx"}) {
      java.io.StringWriter fastOut = new java.io.StringWriter();
      assertThat(FastPath.tryRun(new String[] {"sbom", "--format", format, archive.toString()}, new java.io.PrintWriter(fastOut),
          new java.io.PrintWriter(new java.io.StringWriter()))).hasValue(0);
      assertThat(fastOut.toString().replaceAll("20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z", "T"))
          .isEqualTo(CliTest.run("sbom", "--format", format, archive.toString()).out().replaceAll("20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z", "T"));
    }
    java.io.StringWriter fastErr = new java.io.StringWriter();
    assertThat(FastPath.tryRun(new String[] {"sbom", dir.resolve("nope.tar").toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(fastErr, true))).hasValue(2);
    java.io.StringWriter fastImage = new java.io.StringWriter();
    assertThat(FastPath.tryRun(new String[] {"image", "--no-color", archive.toString()}, new java.io.PrintWriter(fastImage),
        new java.io.PrintWriter(new java.io.StringWriter()))).hasValue(1);
    assertThat(fastImage.toString()).isEqualTo(image.out());
    CliTest.Run bad = CliTest.run("sbom", dir.resolve("nope.tar").toString());
    assertThat(fastErr.toString()).isEqualTo(bad.err());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("no such file").doesNotContain("\tat ");
  }

  /**
   * What could not be read of an image (here an RPM database in SUSE's NDB format) is said by
   * {@code bulwark image} in every format, as {@code bulwark sbom} says it: the checks did not see
   * those packages. Before, the image command said nothing of it.
   */
  @Test
  void imageChecks_sayWhatCouldNotBeRead_inEveryFormat(@TempDir Path dir) throws Exception {
    Path archive = archive(dir, tar("etc/os-release", "ID=opensuse-leap\nVERSION_ID=\"15.6\"\n", "usr/lib/sysimage/rpm/Packages.db", "ndb"));
    String gap = "package database /usr/lib/sysimage/rpm/Packages.db (RPM, NDB format) is not read yet: its packages are missing";
    assertThat(CliTest.run("sbom", "--format", "json", archive.toString()).out()).contains(gap);
    CliTest.Run tty = CliTest.run("image", "--no-fail", "--no-color", archive.toString());
    assertThat(tty.exit()).isZero();
    assertThat(tty.out()).contains("BW-M001", "\n  warning: " + gap + "\n");
    assertThat(tty.err()).isEmpty(); // said once, on the terminal
    CliTest.Run json = CliTest.run("image", "--no-fail", "--format", "json", archive.toString());
    assertThat(json.out()).contains("\"warnings\" : [ \"" + gap);
    assertThat(json.err()).startsWith("bulwark: warning: incomplete image check: " + gap);
    assertThat(CliTest.run("image", "--no-fail", "--format", "sarif", archive.toString()).out())
        .contains("\"toolExecutionNotifications\"", "\"level\" : \"warning\"", "demo.tar: " + gap);
    assertThat(CliTest.run("image", "--no-fail", "--format", "markdown", archive.toString()).out()).contains("Warning: " + gap);
    assertThat(CliTest.run("image", "--no-fail", "--format", "junit", archive.toString()).out()).contains("<system-err>warning: " + gap);
    java.io.StringWriter fastOut = new java.io.StringWriter();
    java.io.StringWriter fastErr = new java.io.StringWriter();
    assertThat(FastPath.tryRun(new String[] {"image", "--no-fail", "--format", "json", archive.toString()}, new java.io.PrintWriter(fastOut),
        new java.io.PrintWriter(fastErr, true))).hasValue(0);
    assertThat(fastErr.toString()).isEqualTo(json.err());
  }
}
