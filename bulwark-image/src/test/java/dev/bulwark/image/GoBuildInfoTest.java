package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.pkg.GoBuildInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Go module build info read from a synthetic binary laid out as Go 1.18+ writes it. */
class GoBuildInfoTest {

  /** An ELF-looking file with the build info at file offset {@code at} (16-aligned in real binaries). */
  static byte[] binary(String version, String modinfo, int at) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x7f, 'E', 'L', 'F'});
    b.writeBytes(new byte[at - 4]);
    byte[] header = new byte[32];
    byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(magic, 0, header, 0, magic.length);
    header[14] = 8;
    header[15] = 2;
    b.writeBytes(header);
    for (String s : new String[] {version, modinfo}) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      int n = bytes.length;
      while (n >= 0x80) {
        b.write((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      b.write(n);
      b.writeBytes(bytes);
    }
    b.writeBytes(new byte[100]);
    return b.toByteArray();
  }

  @Test
  void readsVersionMainModuleDepsAndReplacements() throws Exception {
    String sentinel = "0123456789abcdef";
    String mod = sentinel + "path\texample.com/app\nmod\texample.com/app\tv1.4.0\th1:x\ndep\tgolang.org/x/net\tv0.20.0\th1:y\n"
        + "dep\tgithub.com/old/lib\tv1.0.0\n=>\tgithub.com/new/lib\tv1.1.0\th1:z\nbuild\tCGO_ENABLED=0\n" + sentinel.substring(0, 15) + "\n";
    // the module info is wrapped in 16-byte sentinels; the 17th char from the end is a newline
    mod = sentinel + mod.substring(16, mod.length() - 16) + "\n" + sentinel.substring(1);
    var info = GoBuildInfo.scan(new ByteArrayInputStream(binary("go1.22.5", mod, 200_000))).orElseThrow();
    assertThat(info.goVersion()).isEqualTo("go1.22.5");
    assertThat(info.mainPath()).isEqualTo("example.com/app");
    assertThat(info.mainVersion()).isEqualTo("v1.4.0");
    assertThat(info.deps()).extracting(GoBuildInfo.Module::path).containsExactly("golang.org/x/net", "github.com/new/lib");
    assertThat(info.buildSettings()).contains("CGO_ENABLED=0");
  }

  @Test
  void magicAtEitherSideOfAReadBoundary_unalignedMagic_andNonGoFiles() throws Exception {
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream(binary("go1.21.0", "path\tx\n", (1 << 16) - 16)))).isPresent();
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream(binary("go1.21.0", "path\tx\n", 1 << 16)))).isPresent();
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream(binary("go1.21.0", "path\tx\n", 3 << 16)))).isPresent();
    // Go's own reader only accepts the magic at an aligned offset: elsewhere it is data, not build info
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream(binary("go1.21.0", "path\tx\n", 1000 + 4)))).isEmpty();
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream("#!/bin/sh\necho hi\n".getBytes()))).isEmpty();
    assertThat(GoBuildInfo.scan(new ByteArrayInputStream(new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3}))).isEmpty();
  }

  /** The layer reader pushes whatever the tar stream returns: the magic may be split across chunks of any size. */
  @Test
  void scanner_findsTheMagicSplitAcrossChunksOfAnySize() {
    byte[] bin = binary("go1.22.5", "path\tx\nmod\tx\tv1.0.0\t\n", 4096 + 32);
    for (int chunk : new int[] {1, 3, 7, 13, 14, 15, 16, 17, 4099, 1 << 16}) {
      GoBuildInfo.Scanner s = new GoBuildInfo.Scanner();
      for (int off = 0; off < bin.length && s.accept(bin, off, Math.min(chunk, bin.length - off)); off += chunk) {
        // pushed until it needs no more
      }
      assertThat(s.finish()).as("chunks of %d", chunk).hasValueSatisfying(i -> assertThat(i.mainVersion()).isEqualTo("v1.0.0"));
    }
    GoBuildInfo.Scanner script = new GoBuildInfo.Scanner();
    assertThat(script.accept("#!".getBytes(), 0, 2)).isFalse(); // not ELF: stops asking at once
    assertThat(script.finish()).isEmpty();
  }
}
