package dev.bulwark.image;

import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.image.pkg.JavaArchives;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.sbom.Sbom;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers and package files that the lenient tar library or an unbounded reader would take the
 * wrong way: truncation read as a short archive, headers that claim too much, repeats that walk
 * the tree again and again, and databases past the limits listed as "no packages" in silence.
 */
class HostileLayersTest {
  @TempDir Path tmp;

  private Image open(TestImages.Builder b) throws Exception {
    return Image.open(TestImages.writeDir(b.oci(), Files.createTempDirectory(tmp, "img")), "linux/amd64", ImageLimits.DEFAULT);
  }

  private static byte[] twoFiles() throws Exception {
    return TestImages.tar(List.of(file("a", "a"), file("b", "b")));
  }

  @Test
  void headerCutMidBlock_isTruncation_notTheEndOfTheArchive() throws Exception {
    // the library alone returns one file and no error
    byte[] cut = Arrays.copyOf(twoFiles(), 1024 + 200);
    assertThatThrownBy(() -> open(new TestImages.Builder().rawLayer(cut))).isInstanceOf(ImageException.class)
        .hasMessageContaining("layer 0 is corrupt or truncated").hasMessageContaining("ends inside a tar header");
    // cut at a header boundary, without the end-of-archive blocks: Go's reader (Docker's) accepts that, and so does Bulwark
    Image boundary = open(new TestImages.Builder().rawLayer(Arrays.copyOf(twoFiles(), 1024)));
    assertThat(boundary.files().get("a")).isPresent();
  }

  @Test
  void aCompressedLayerCutInsideItsHeader_isCorruptionOfThatLayer() throws Exception {
    // found by the fuzzing campaign: the gzip and zstd readers read their header when they are made,
    // and that failure escaped as a bare EOFException ("null") instead of naming the layer
    for (byte[] cut : List.of(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0}, new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0},
        new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0})) {
      assertThatThrownBy(() -> open(new TestImages.Builder().rawLayer(cut))).isInstanceOf(ImageException.class)
          .hasMessageContaining("layer 0 is corrupt or truncated").hasMessageNotContaining("null");
    }
  }

  @Test
  void loneEndBlockFollowedByAHeader_isRefused() throws Exception {
    byte[] two = twoFiles();
    byte[] x = new byte[two.length + 512];
    System.arraycopy(two, 0, x, 0, 1024);
    System.arraycopy(two, 1024, x, 1536, two.length - 1024);
    assertThatThrownBy(() -> open(new TestImages.Builder().rawLayer(x))).hasMessageContaining("end-of-archive block is followed by another header");
  }

  @Test
  void paxHeaderPastOneMiB_isRefusedBeforeItIsRead() throws Exception {
    byte[] t = Arrays.copyOf(TestImages.tar(List.of(file("a", "a"))), 4096);
    t[156] = 'x';
    HostileImages.writeOctalSize(t, 3L << 30);
    assertThatThrownBy(() -> open(new TestImages.Builder().rawLayer(t))).hasMessageContaining("past the 1 MiB limit");
  }

  @Test
  void negativeSize_isCorruption_notACrash() throws Exception {
    byte[] t = TestImages.tar(List.of(file("a", "a")));
    Arrays.fill(t, 124, 136, (byte) 0xff);
    HostileImages.checksum(t);
    assertThatThrownBy(() -> open(new TestImages.Builder().rawLayer(t))).isInstanceOf(ImageException.class).hasMessageContaining("layer 0");
  }

  @Test
  void nameLongerThanPathMax_isRefused() {
    assertThatThrownBy(() -> open(new TestImages.Builder().layer(file("a/".repeat(2100) + "f", "x")))).hasMessageContaining("PATH_MAX");
  }

  @Test
  void samePathRepeated_doesNotWalkTheTreeEachTime() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (int i = 0; i < 20_000; i++) {
        HostileImages.file(t, "d/" + i, new byte[0]);
      }
      for (int i = 0; i < 20_000; i++) {
        HostileImages.file(t, "d/.wh..wh..opq", new byte[0]);
        HostileImages.file(t, "d", new byte[0]);
      }
    }
    // 20,000 × 20,000 steps when each repeat walks the directory again
    Image img = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> open(new TestImages.Builder().rawLayer(b.toByteArray())));
    assertThat(img.files().get("d")).isPresent();
  }

  @Test
  void packageDatabasesPastTheLimit_areGaps_notZeroPackages() throws Exception {
    ImageLimits small = new ImageLimits(1L << 30, 200, 256L << 20, 100_000, 1 << 20, 1 << 20);
    byte[] big = new byte[(1 << 20) + 1];
    Arrays.fill(big, (byte) '\n');
    TestImages.Builder b = new TestImages.Builder().layer(file("var/lib/dpkg/status", big), file("lib/apk/db/installed", big),
        file("var/lib/rpm/rpmdb.sqlite", big), file("usr/lib/python3/site-packages/x-1.dist-info/METADATA", big),
        file("app/package-lock.json", big), file("var/lib/dpkg/status.d/libc6", big), file("etc/motd", big));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("big")), "linux/amd64", small).sbom("big");
    assertThat(sbom.gaps()).containsExactlyInAnyOrder(
        "/app/package-lock.json (node-lock) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing",
        "/lib/apk/db/installed (apk) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing",
        "/usr/lib/python3/site-packages/x-1.dist-info/METADATA (python) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing",
        "/var/lib/dpkg/status (dpkg) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing",
        "/var/lib/dpkg/status.d/libc6 (dpkg-status.d) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing",
        "/var/lib/rpm/rpmdb.sqlite (rpm) is too large to read (1.0 MiB, the limit is 1.0 MiB): its packages are missing");
  }

  @Test
  void packageListsPastTheirCount_areCutWithAGap() throws Exception {
    StringBuilder dpkg = new StringBuilder();
    StringBuilder apk = new StringBuilder();
    for (int i = 0; i <= 100_000; i++) {
      dpkg.append("Package: p").append(i).append("\nStatus: install ok installed\nVersion: 1\n\n");
      apk.append("P:p").append(i).append("\nV:1\n\n");
    }
    Sbom sbom = open(new TestImages.Builder().layer(file("var/lib/dpkg/status", dpkg.toString()), file("lib/apk/db/installed", apk.toString())))
        .sbom("many");
    assertThat(sbom.packages()).hasSize(200_000);
    assertThat(sbom.gaps()).containsExactlyInAnyOrder("/var/lib/dpkg/status (dpkg) lists more than 100000 packages (the limit): the rest are missing",
        "/lib/apk/db/installed (apk) lists more than 100000 packages (the limit): the rest are missing");
  }

  @Test
  void nestedJarFanOutAndZipBombs_areBounded_withAGap() throws Exception {
    byte[] fan = HostileImages.fanOutJar(500, 50);
    JavaArchives.Scan fanned = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> JavaArchives.read("app/fan.jar", fan, new JavaArchives.ImageBudget()));
    assertThat(fanned.found()).hasSize(25_000);
    assertThat(fanned.stopped()).isNull();
    byte[] bomb = HostileImages.zipBomb();
    JavaArchives.Scan bombed = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> JavaArchives.read("app/bomb.jar", bomb, new JavaArchives.ImageBudget()));
    assertThat(bombed.stopped()).contains("stopped after 512 MiB of decompressed content");
    Sbom sbom = open(new TestImages.Builder().layer(file("app/bomb.jar", bomb))).sbom("bomb");
    assertThat(sbom.gaps()).containsExactly("/app/bomb.jar (java-archive) stopped after 512 MiB of decompressed content (nested archives included): "
        + "packages in the rest are missing");
  }
}
