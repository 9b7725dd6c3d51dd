package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.image.source.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest and index reader (OCI layouts with nested indexes and platforms, docker-save
 * manifests) and the config it leads to. Input: documents separated by NUL. The first is the
 * layout's {@code index.json} (or the archive's {@code manifest.json}); every further one is stored
 * as a blob. In any document {@code @N} becomes the digest of document N and {@code %N} its blob
 * path, {@code @L}/{@code %L} those of a small valid layer, so the fuzzer can build chains that pass
 * digest verification. Only {@link ImageException} may escape.
 */
class ManifestFuzzTest {
  private static final byte[] LAYER = FuzzImage.tar(List.of(new FuzzImage.Entry("etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n".getBytes(StandardCharsets.UTF_8), 0644)));

  static {
    Bounds.warmUp(FuzzImage::warmUp);
  }

  @FuzzTest
  void ociLayout(byte[] input) throws Exception {
    write(input, "index.json");
    Bounds.check(FuzzImage::open, ImageException.class);
  }

  @FuzzTest
  void dockerSave(byte[] input) throws Exception {
    write(input, "manifest.json");
    Bounds.check(FuzzImage::open, ImageException.class);
  }

  /** At most this many documents: the image is the harness's work, and only reading it is bounded. */
  private static final int MAX_DOCUMENTS = 64;

  /**
   * Writes the image the input describes, outside the bounds: an input of a thousand NUL-separated
   * documents made the harness's own substitutions allocate 128 MiB, which Bounds charged to the reader.
   */
  private static void write(byte[] input, String top) throws Exception {
    String[] all = new String(input, StandardCharsets.UTF_8).split("\0", -1);
    String[] docs = java.util.Arrays.copyOf(all, Math.min(all.length, MAX_DOCUMENTS));
    FuzzImage.clear();
    String layer = FuzzImage.blob(LAYER);
    List<String> digests = new ArrayList<>(java.util.Collections.nCopies(docs.length, (String) null));
    // last to first: a document can name those after it
    for (int i = docs.length - 1; i >= 0; i--) {
      String text = docs[i].replace("@L", layer).replace("%L", path(layer));
      for (int j = docs.length - 1; j > i; j--) {
        text = text.replace("@" + j, digests.get(j)).replace("%" + j, path(digests.get(j)));
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (i == 0) {
        FuzzImage.write(top, bytes);
      } else {
        digests.set(i, FuzzImage.blob(bytes));
      }
    }
    FuzzImage.write("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static String path(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }
}
