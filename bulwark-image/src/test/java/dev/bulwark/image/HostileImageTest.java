package dev.bulwark.image;

import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.HostileImageException;
import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static dev.bulwark.image.TestImages.Entry.hardlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Images built to attack the reader are refused with a clear error, and nothing is written. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileImageTest {
  @TempDir Path tmp;

  /** A refused layer stops its reader and digest threads: none may outlive the refusal. */
  @org.junit.jupiter.api.AfterEach
  void noStreamingThreadsLeft() throws InterruptedException {
    java.util.function.BooleanSupplier any = () -> Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .anyMatch(n -> n.startsWith("layer-") || n.equals("blob-digest") || n.equals("diff-id-digest"));
    for (int i = 0; i < 500 && any.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(any.getAsBoolean()).as("layer reader or digest threads still running").isFalse();
  }

  private Image open(TestImages.Builder b) throws Exception {
    return Image.open(TestImages.writeDir(b.oci(), Files.createTempDirectory(tmp, "img")), "linux/amd64", ImageLimits.DEFAULT);
  }

  @Test
  void dotDotEntries_areRefused() {
    assertThatThrownBy(() -> open(new TestImages.Builder().layer(file("../../etc/passwd", "root::0:0::/:/bin/sh\n"))))
        .isInstanceOf(HostileImageException.class).hasMessageContaining("escapes the image root");
    assertThatThrownBy(() -> open(new TestImages.Builder().layer(file("a/../../x", "x")))).isInstanceOf(HostileImageException.class);
  }

  @Test
  void absolutePaths_areContainedInTheRoot() throws Exception {
    Image img = open(new TestImages.Builder().layer(file("/etc/motd", "hi")));
    assertThat(img.files().get("etc/motd")).isPresent();
  }

  @Test
  void hardlinkOutOfTheRoot_isRefused() {
    assertThatThrownBy(() -> open(new TestImages.Builder().layer(hardlink("etc/shadow-copy", "../../../etc/shadow"))))
        .isInstanceOf(HostileImageException.class);
  }

  @Test
  void deviceFiles_areRecordedNotRead() throws Exception {
    Image img = open(new TestImages.Builder().layer(TestImages.Entry.device("dev/mem")));
    assertThat(img.files().get("dev/mem")).hasValueSatisfying(e -> assertThat(e.type().name()).isEqualTo("CHAR_DEVICE"));
  }

  @Test
  void layerDigestMismatch_isRefused() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(file("a", "a"));
    Map<String, byte[]> files = b.oci();
    String layerBlob = files.keySet().stream().filter(k -> k.startsWith("blobs/") && files.get(k).length > 20 && files.get(k)[0] == 0x1f)
        .findFirst().orElseThrow();
    files.put(layerBlob, TestImages.gzip(TestImages.tar(java.util.List.of(file("a", "tampered")))));
    Path dir = TestImages.writeDir(files, tmp.resolve("t"));
    assertThatThrownBy(() -> Image.open(dir, "linux/amd64", ImageLimits.DEFAULT)).isInstanceOf(HostileImageException.class)
        .hasMessageContaining("does not match its digest");
  }

  @Test
  void diffIdMismatch_isRefusedForLegacyDockerSave() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(file("a", "a"));
    Map<String, byte[]> files = b.dockerLegacy();
    files.put("layer0/layer.tar", TestImages.tar(java.util.List.of(file("a", "swapped"))));
    Path tar = TestImages.writeTar(files, tmp.resolve("x.tar"));
    assertThatThrownBy(() -> Image.open(tar, null, ImageLimits.DEFAULT)).hasMessageContaining("does not match its diff_id");
  }

  @Test
  void manifestPointingAtMissingBlob_isAClearError() throws Exception {
    Map<String, byte[]> files = new TestImages.Builder().layer(file("a", "a")).oci();
    files.keySet().removeIf(k -> k.startsWith("blobs/") && files.get(k).length > 20 && files.get(k)[0] == 0x1f);
    Path dir = TestImages.writeDir(files, tmp.resolve("m"));
    assertThatThrownBy(() -> Image.open(dir, "linux/amd64", ImageLimits.DEFAULT)).isInstanceOf(ImageException.class)
        .hasMessageContaining("which is not in it");
  }

  @Test
  void decompressionBomb_isStoppedByRatioAndSize() throws Exception {
    byte[] zeros = new byte[64 << 20];
    TestImages.Builder b = new TestImages.Builder();
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(big)) {
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(zeros.length);
      t.putArchiveEntry(e);
      t.write(zeros);
      t.closeArchiveEntry();
    }
    b.rawLayer(big.toByteArray());
    ImageLimits tight = new ImageLimits(32L << 20, 200, 1L << 20, 1000, 1 << 20, 1 << 20);
    Path dir = TestImages.writeDir(b.oci(), tmp.resolve("bomb"));
    assertThatThrownBy(() -> Image.open(dir, "linux/amd64", tight)).isInstanceOf(HostileImageException.class).hasMessageContaining("bomb");
    ImageLimits ratioOnly = new ImageLimits(1L << 40, 100, 1L << 20, 1000, 1 << 20, 1 << 20);
    assertThatThrownBy(() -> Image.open(dir, "linux/amd64", ratioOnly)).hasMessageContaining("times its compressed size");
  }

  @Test
  void hugeDeclaredSize_inATruncatedLayer_isACorruptionError() throws Exception {
    byte[] header = TestImages.tar(java.util.List.of(file("small", "x")));
    // rewrite the size field (octal, offset 124, 12 bytes) to claim 10 GiB
    byte[] size = String.format("%011o", 10L << 30).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, 11);
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, header, 148, 8);
    TestImages.Builder b = new TestImages.Builder().rawLayer(header);
    Path dir = TestImages.writeDir(b.oci(), tmp.resolve("sparse"));
    assertThatThrownBy(() -> Image.open(dir, "linux/amd64", ImageLimits.DEFAULT)).isInstanceOf(ImageException.class);
  }

  @Test
  void archiveEntriesThatLeaveTheArchive_areRefused() throws Exception {
    Path tar = tmp.resolve("evil.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      byte[] m = "[{\"Config\":\"../../../etc/passwd\",\"Layers\":[]}]".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("manifest.json");
      e.setSize(m.length);
      t.putArchiveEntry(e);
      t.write(m);
      t.closeArchiveEntry();
    }
    assertThatThrownBy(() -> Image.open(tar, null, ImageLimits.DEFAULT)).isInstanceOf(HostileImageException.class);
  }

  @Test
  void notAnImage_isAClearError() throws IOException {
    Path junk = tmp.resolve("junk.bin");
    Files.write(junk, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Image.open(junk, null, ImageLimits.DEFAULT)).isInstanceOf(ImageException.class);
    assertThatThrownBy(() -> Image.open(tmp.resolve("missing"), null, ImageLimits.DEFAULT)).hasMessageContaining("no such file");
  }
}
