package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.sbom.Package;
import dev.bulwark.image.pkg.RustAuditInfo;
import dev.bulwark.sbom.Sbom;
import dev.bulwark.image.testing.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rust binaries built with cargo-auditable. The fixture is a real ELF executable of this machine
 * (/bin/true) given a {@code .dep-v0} section by binutils' objcopy, holding zlib-compressed JSON
 * in cargo-auditable's documented format: cargo-auditable itself is not packaged in Debian 12.
 */
class RustAuditTest {
  @TempDir Path tmp;

  static final String AUDIT_JSON = """
      {"packages":[
        {"name":"web-api","version":"0.3.0","source":"local","root":true,"dependencies":[1,2,3]},
        {"name":"serde","version":"1.0.210","source":"crates.io","dependencies":[]},
        {"name":"tokio","version":"1.40.0","source":"crates.io","kind":"runtime","dependencies":[]},
        {"name":"cc","version":"1.1.21","source":"crates.io","kind":"build","dependencies":[]},
        {"name":"internal-lib","version":"0.1.0","source":"git","dependencies":[]}
      ]}""";

  static byte[] zlib(String text, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(level))) {
      d.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** /bin/true with the audit data as a .dep-v0 section, as cargo-auditable links it. */
  Path auditableElf(byte[] payload) throws Exception {
    assumeTrue(LocalRegistry.onPath("objcopy") && Files.isExecutable(Path.of("/bin/true")),
        "skipped: needs objcopy (Debian package binutils; .ci/run installs it) and /bin/true");
    Path section = tmp.resolve("dep-v0.bin");
    Files.write(section, payload);
    Path out = tmp.resolve("web-api");
    Process p = new ProcessBuilder("objcopy", "--add-section", ".dep-v0=" + section, "--set-section-flags", ".dep-v0=noload,readonly",
        "/bin/true", out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0).as("objcopy: %s", log).isTrue();
    return out;
  }

  static Optional<List<RustAuditInfo.Crate>> sniff(InputStream in, int readSize) throws IOException {
    RustAuditInfo.Sniffer s = new RustAuditInfo.Sniffer(in);
    byte[] buf = new byte[readSize];
    while (s.read(buf) >= 0) {
      // the sniffer sees every byte read through it
    }
    return s.crates();
  }

  @Test
  void auditableElf_yieldsRuntimeRegistryCrates_atAnyReadSize() throws Exception {
    byte[] elf = Files.readAllBytes(auditableElf(zlib(AUDIT_JSON, 7)));
    for (int readSize : new int[] {1 << 16, 4096, 700, 1}) {
      assertThat(sniff(new ByteArrayInputStream(elf), readSize)).as("reads of %d", readSize).hasValueSatisfying(crates ->
          assertThat(crates).extracting(RustAuditInfo.Crate::name, RustAuditInfo.Crate::version).containsExactly(
              org.assertj.core.groups.Tuple.tuple("serde", "1.0.210"), org.assertj.core.groups.Tuple.tuple("tokio", "1.40.0"),
              org.assertj.core.groups.Tuple.tuple("internal-lib", "0.1.0")));
    }
    // every zlib level has its own header byte
    for (int level : new int[] {1, 6, 9}) {
      assertThat(sniff(new ByteArrayInputStream(Files.readAllBytes(auditableElf(zlib(AUDIT_JSON, level)))), 1 << 16)).isPresent();
    }
  }

  @Test
  void otherBinariesAndLookalikes_yieldNothing() throws Exception {
    assertThat(sniff(Files.newInputStream(Path.of("/bin/true")), 1 << 16)).isEmpty();
    assertThat(sniff(new ByteArrayInputStream(Files.readAllBytes(auditableElf(zlib("{\"name\":\"not audit data\"}", 7)))), 1 << 16)).isEmpty();
    byte[] noise = new byte[4 << 20];
    new Random(1).nextBytes(noise);
    for (int i = 0; i < noise.length - 1; i += 997) {
      noise[i] = 0x78;
      noise[i + 1] = (byte) 0x9c; // zlib headers followed by garbage
    }
    assertThat(sniff(new ByteArrayInputStream(noise), 1 << 16)).isEmpty();
    byte[] elf = Files.readAllBytes(auditableElf(zlib(AUDIT_JSON, 7)));
    byte[] cut = java.util.Arrays.copyOf(elf, indexOf(elf, zlib(AUDIT_JSON, 7)) + 40);
    assertThat(sniff(new ByteArrayInputStream(cut), 1 << 16)).as("truncated in the section").isEmpty();
  }

  @Test
  void inflationBomb_stopsAtTheLimit() throws Exception {
    String bomb = "{\"packages\":[" + "{\"name\":\"x\",\"version\":\"1\"},".repeat(1_000_000) + "]}";
    byte[] elf = Files.readAllBytes(auditableElf(zlib(bomb, 9)));
    assertThat(sniff(new ByteArrayInputStream(elf), 1 << 16)).isEmpty(); // > 16 MiB of JSON: not read, no memory blow-up
  }

  @Test
  void inAnImage_cratesWithPurlsAndTheirBinary() throws Exception {
    byte[] elf = Files.readAllBytes(auditableElf(zlib(AUDIT_JSON, 7)));
    TestImages.Builder b = new TestImages.Builder().layer(file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .layer(new TestImages.Entry("usr/local/bin/web-api", org.apache.commons.compress.archivers.tar.TarArchiveEntry.LF_NORMAL, elf, null,
            0755));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("img")), "linux/amd64", ImageLimits.DEFAULT).sbom("rust");
    assertThat(sbom.packages()).filteredOn(p -> p.ecosystem().displayName().equals("cargo"))
        .extracting(Package::purlString, (Package p) -> p.location().layer(), (Package p) -> p.location().path())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pkg:cargo/serde@1.0.210", 1, "usr/local/bin/web-api"),
            org.assertj.core.groups.Tuple.tuple("pkg:cargo/tokio@1.40.0", 1, "usr/local/bin/web-api"),
            org.assertj.core.groups.Tuple.tuple("pkg:cargo/internal-lib@0.1.0", 1, "usr/local/bin/web-api"));
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("section bytes not found in the binary");
  }
}
