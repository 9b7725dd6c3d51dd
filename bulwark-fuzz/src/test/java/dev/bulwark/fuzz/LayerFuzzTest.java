package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.image.source.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The layer reader (tar walk, whiteouts, links, limits, the merged tree) and the analyzers over
 * what it kept: the input is one layer of an otherwise valid image. Only {@link ImageException}
 * (a one-line reason: corrupt, truncated, hostile) may escape.
 */
class LayerFuzzTest {
  static {
    Bounds.warmUp(FuzzImage::warmUp);
  }

  /** The input is the uncompressed layer tar. */
  @FuzzTest
  void tar(byte[] input) {
    Bounds.check(() -> FuzzImage.read(List.of(FuzzImage.Blob.tar(input))), ImageException.class);
  }

  /**
   * The input is a gzip-compressed layer, as it is: its diff_id is that of what it inflates to when it
   * does, so inflation limits and corrupt or truncated streams are reached past the digest checks.
   */
  @FuzzTest
  void gzip(byte[] input) {
    Bounds.check(() -> FuzzImage.read(List.of(new FuzzImage.Blob(input, FuzzImage.GZIP, FuzzImage.sha256(inflated(input))))),
        ImageException.class);
  }

  /** Two layers, the input split at its first 512-byte boundary past the middle: whiteouts and links across layers. */
  @FuzzTest
  void twoLayers(byte[] input) {
    int cut = Math.min(input.length, (input.length / 2 + 511) / 512 * 512);
    byte[] lower = java.util.Arrays.copyOfRange(input, 0, cut);
    byte[] upper = java.util.Arrays.copyOfRange(input, cut, input.length);
    Bounds.check(() -> FuzzImage.read(List.of(FuzzImage.Blob.tar(lower), FuzzImage.Blob.tar(upper))), ImageException.class);
  }

  /** What the stream inflates to, as far as it does (the reader must then fail on the rest itself). */
  private static byte[] inflated(byte[] gz) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0 && out.size() < (64 << 20); ) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // a corrupt stream: its diff_id is what inflated before the damage
    }
    return out.toByteArray();
  }
}
