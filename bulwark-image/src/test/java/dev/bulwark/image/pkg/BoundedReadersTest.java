package dev.bulwark.image.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readers of binaries and databases stop at what they need, whatever the file claims. */
class BoundedReadersTest {

  /** An ELF-looking file with the build info at 4096 and {@code trailing} bytes after it. */
  private static byte[] goBinary(int deps, int trailing) {
    StringBuilder mod = new StringBuilder("path\tx\nmod\tx\tv1.0.0\t\n");
    for (int i = 0; i < deps; i++) {
      mod.append("dep\tm").append(i).append("\tv1.0.").append(i).append('\n');
    }
    byte[] version = "go1.22.5".getBytes(StandardCharsets.US_ASCII);
    byte[] m = mod.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(4096 + 32 + 10 + version.length + m.length + trailing);
    b.put(new byte[] {0x7f, 'E', 'L', 'F'}).position(4096);
    b.put("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 8).put((byte) 2).position(4096 + 32);
    for (byte[] s : new byte[][] {version, m}) {
      int n = s.length;
      while (n >= 0x80) {
        b.put((byte) ((n & 0x7f) | 0x80));
        n >>>= 7;
      }
      b.put((byte) n).put(s);
    }
    return b.array();
  }

  @Test
  void goScanner_stopsOnceTheBuildInfoIsIn_notAfterTwoMiB() {
    byte[] bin = goBinary(3, 4 << 20);
    GoBuildInfo.Scanner s = new GoBuildInfo.Scanner();
    int fed = 0;
    while (fed < bin.length && s.accept(bin, fed, Math.min(8192, bin.length - fed))) {
      fed += 8192;
    }
    assertThat(fed).as("bytes pushed before the scanner said it needs no more").isLessThan(16384);
    assertThat(s.finish()).hasValueSatisfying(i -> assertThat(i.deps()).hasSize(3));
  }

  @Test
  void goBuildInfo_listingMoreModulesThanAnyProgram_isCut() {
    byte[] bin = goBinary(20_000, 16);
    GoBuildInfo.Scanner s = new GoBuildInfo.Scanner();
    s.accept(bin, 0, bin.length);
    assertThat(s.finish()).hasValueSatisfying(i -> assertThat(i.deps()).hasSize(GoBuildInfo.MAX_DEPS));
  }

  /** A hash database whose items all point at one long overflow chain: a few MiB that would expand to gigabytes. */
  @Test
  void berkeleyDb_itemsSharingAnOverflowChain_areBounded() {
    int pageSize = 4096;
    int hashPages = 50;
    int overflowPages = 1024;
    int pages = 1 + hashPages + overflowPages;
    ByteBuffer b = ByteBuffer.allocate(pages * pageSize).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(12, 0x061561).putInt(20, pageSize).put(25, (byte) 8).putInt(72, 0).putInt(96, 1); // meta: one bucket, at page 1
    int firstOverflow = 1 + hashPages;
    long valueLength = (long) overflowPages * (pageSize - 26);
    for (int p = 1; p <= hashPages; p++) {
      int page = p * pageSize;
      b.put(page + 25, (byte) 13).putInt(page + 16, p < hashPages ? p + 1 : 0);
      int pairs = 200;
      b.putShort(page + 20, (short) (2 * pairs));
      int pos = pageSize;
      for (int i = 0; i < pairs; i++) {
        pos -= 2;
        b.put(page + pos, (byte) 1).put(page + pos + 1, (byte) 'k');
        b.putShort(page + 26 + 4 * i, (short) pos);
        pos -= 12;
        b.put(page + pos, (byte) 3).putInt(page + pos + 4, firstOverflow).putInt(page + pos + 8, (int) valueLength);
        b.putShort(page + 26 + 4 * i + 2, (short) pos);
      }
    }
    for (int p = firstOverflow; p < pages; p++) {
      int page = p * pageSize;
      b.put(page + 25, (byte) 7).putShort(page + 22, (short) (pageSize - 26)).putInt(page + 16, p + 1 < pages ? p + 1 : 0);
    }
    byte[] file = b.array();
    // 10,000 items × 4 MiB each: 40 GiB without the bound
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> BerkeleyDbHash.values(file))
        .isInstanceOf(BerkeleyDbHash.FormatException.class).hasMessageContaining("more than 256 MiB"));
  }
}
