package dev.bulwark.image;

import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.dir;
import static dev.bulwark.image.TestImages.Entry.file;
import static dev.bulwark.image.TestImages.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.fs.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading images in every packaging, and the OCI layer semantics. */
class ImageReadingTest {
  @TempDir Path tmp;

  static TestImages.Builder sample() throws IOException {
    return new TestImages.Builder()
        .layer(dir("etc/"), file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
            dir("app/"), file("app/old.txt", "old"), dir("cache/"), file("cache/a", "1"), file("cache/b", "2"))
        .layer(file("app/.wh.old.txt", ""), file("cache/.wh..wh..opq", ""), file("cache/new", "3"), file("app/app", "bin", 0755),
            symlink("usr/lib/os-release", "../../etc/os-release"), file("usr/bin/su", "x", 04755));
  }

  private void assertSample(Image img) {
    assertThat(img.manifest().layers()).hasSize(2);
    assertThat(img.files().get("app/old.txt")).isEmpty();
    assertThat(img.files().get("cache/a")).isEmpty();
    assertThat(img.files().get("cache/new")).isPresent();
    assertThat(img.files().get("cache")).isPresent();
    assertThat(img.files().get("app/app")).hasValueSatisfying(e -> {
      assertThat(e.layer()).isEqualTo(1);
      assertThat(e.isExecutable()).isTrue();
    });
    assertThat(img.files().get("usr/bin/su")).hasValueSatisfying(e -> assertThat(e.isSetuid()).isTrue());
    assertThat(img.files().content("usr/lib/os-release")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).contains("ID=debian"));
    assertThat(img.manifest().config().exposedPorts()).containsExactly("8080/tcp");
    assertThat(img.layers()).extracting(l -> l.uncompressedBytes()).allMatch(n -> n > 0);
  }

  @Test
  void dockerSaveLegacy_tarAndDirectory() throws Exception {
    Map<String, byte[]> files = sample().dockerLegacy();
    Image fromTar = Image.open(TestImages.writeTar(files, tmp.resolve("img.tar")), null, ImageLimits.DEFAULT);
    assertSample(fromTar);
    assertThat(fromTar.manifest().format()).isEqualTo("docker-archive");
    assertThat(fromTar.manifest().tags()).containsExactly("test/app:1");
    assertSample(Image.open(TestImages.writeDir(files, tmp.resolve("unpacked")), null, ImageLimits.DEFAULT));
  }

  @Test
  void ociLayout_tarAndDirectory_gzipAndPlainLayers() throws Exception {
    assertSample(Image.open(TestImages.writeDir(sample().oci(), tmp.resolve("oci")), "linux/amd64", ImageLimits.DEFAULT));
    TestImages.Builder plain = sample();
    plain.gzip = false;
    Image img = Image.open(TestImages.writeTar(plain.oci(), tmp.resolve("oci.tar")), "linux/amd64", ImageLimits.DEFAULT);
    assertSample(img);
    assertThat(img.manifest().format()).isEqualTo("oci");
    assertThat(img.manifest().tags()).containsExactly("1.0");
  }

  @Test
  void multiMemberGzipLayers_areReadWhole() throws Exception {
    TestImages.Builder two = sample();
    two.twoGzipMembers = true;
    assertSample(Image.open(TestImages.writeDir(two.oci(), tmp.resolve("two")), "linux/amd64", ImageLimits.DEFAULT));
  }

  @Test
  void zstdLayers() throws Exception {
    TestImages.Builder z = sample();
    z.zstd = true;
    assertSample(Image.open(TestImages.writeDir(z.oci(), tmp.resolve("zstd")), "linux/amd64", ImageLimits.DEFAULT));
  }

  @Test
  void platformSelection_explainsWhatIsAvailable() throws Exception {
    Path oci = TestImages.writeDir(sample().oci(), tmp.resolve("oci"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Image.open(oci, "linux/arm64", ImageLimits.DEFAULT))
        .isInstanceOf(ImageException.class).hasMessageContaining("no manifest for platform linux/arm64").hasMessageContaining("linux/amd64");
  }

  @Test
  void laterLayerReplacesFileWithDirectoryAndBack() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(file("x", "file")).layer(dir("x/"), file("x/inner", "i")).layer(file("x", "again"));
    Image img = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("o")), "linux/amd64", ImageLimits.DEFAULT);
    assertThat(img.files().get("x")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(FileEntry.Type.FILE));
    assertThat(img.files().get("x/inner")).isEmpty();
  }

  @Test
  void symlinkResolutionStaysInsideTheRoot() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(file("etc/os-release", "ID=alpine\n"), symlink("evil", "../../../../etc/os-release"),
        symlink("loop", "loop"), dir("lib/"), symlink("lib64", "/lib"), file("lib/x", "x"));
    Image img = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("o")), "linux/amd64", ImageLimits.DEFAULT);
    assertThat(img.files().content("evil")).isPresent(); // ../ beyond the root stays at the root, like chroot
    assertThat(img.files().resolve("loop")).isEmpty();
    assertThat(img.files().resolve("lib64/x")).hasValueSatisfying(e -> assertThat(e.path()).isEqualTo("lib/x"));
  }

  /**
   * The overlay rules across several layers, where the tree must find what lower layers left under
   * a path: a file replacing a directory that existed only implicitly (its files' parent), an
   * opaque marker and a whiteout of a directory, a hard link to a file kept for analysis, and the
   * first layer, where there is nothing lower to clear. The layer reader skips those walks when no
   * lower entry can be under the path; this pins down that it still clears what is there.
   */
  @Test
  void overlayAcrossLayers_clearsWhatLowerLayersLeftUnderAPath() throws Exception {
    TestImages.Builder b = new TestImages.Builder()
        .layer(file("implicit/a", "1"), file("implicit/sub/b", "2"), dir("opq/"), file("opq/old", "3"), dir("gone/"), file("gone/x", "4"),
            file("etc/os-release", "ID=alpine\n"), file("keep/k", "5"), file("implicit2/a", "6"))
        .layer(file("implicit", "now a file"), file("opq/.wh..wh..opq", ""), file("opq/new", "7"), file(".wh.gone", ""),
            TestImages.Entry.hardlink("usr/lib/os-release", "etc/os-release"), file("implicit2/.wh.a", ""))
        .layer(dir("implicit2/"), file("implicit2/c", "8"));
    Image img = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("overlay")), "linux/amd64", ImageLimits.DEFAULT);
    assertThat(img.files().entries()).extracting(FileEntry::path).containsExactlyInAnyOrder(
        "etc/os-release", "implicit", "implicit2", "implicit2/c", "keep/k", "opq", "opq/new", "usr/lib/os-release");
    assertThat(img.files().get("implicit")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(FileEntry.Type.FILE));
    assertThat(img.files().content("usr/lib/os-release")).hasValueSatisfying(c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("ID=alpine\n"));
    assertThat(img.files().get("implicit2/c")).hasValueSatisfying(e -> assertThat(e.layer()).isEqualTo(2));
  }
}
