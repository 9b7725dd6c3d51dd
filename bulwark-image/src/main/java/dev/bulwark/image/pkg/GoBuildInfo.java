package dev.bulwark.image.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The module build information Go (1.18+) embeds in binaries: the {@code \xff Go buildinf:}
 * header followed by two varint-prefixed strings, the Go version and the module info
 * ({@code path}, {@code mod}, {@code dep}, {@code =>} and {@code build} lines). Read from a
 * stream in one pass, without keeping the binary.
 */
public final class GoBuildInfo {
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER = 32;
  private static final int MAX_STRING = 1 << 20;
  private static final int ALIGN = 16;

  private GoBuildInfo() {}

  /** A Go binary's toolchain version, main module and dependencies. */
  public record Info(String goVersion, String mainPath, String mainVersion, List<Module> deps, List<String> buildSettings) {}

  /** A module and its version (with the replacement applied when there is one). */
  public record Module(String path, String version) {}

  /** Scans {@code in} (an executable's bytes) for the build info; empty for non-Go or pre-1.18 binaries. */
  public static Optional<Info> scan(InputStream in) throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
      return Optional.empty(); // ELF only; the rest of the stream is left for the caller to drain
    }
    // The build info sits at a 16-byte aligned file offset (its section is 16-aligned and ELF
    // keeps offsets congruent to addresses), so only aligned positions are compared: this scan
    // runs over every executable of an image and must keep up with decompression.
    // Reads of a multiple of ALIGN keep slots aligned, and a 14-byte magic never spans two reads.
    byte[] buf = new byte[1 << 16];
    System.arraycopy(head, 0, buf, 0, head.length);
    int len = head.length + in.readNBytes(buf, head.length, buf.length - head.length);
    while (len > 0) {
      for (int i = 0; i + MAGIC.length <= len; i += ALIGN) {
        if (buf[i] == MAGIC[0] && Arrays.equals(buf, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
          byte[] more = in.readNBytes(2 * MAX_STRING);
          byte[] all = new byte[len - i + more.length];
          System.arraycopy(buf, i, all, 0, len - i);
          System.arraycopy(more, 0, all, len - i, more.length);
          return parse(all);
        }
      }
      len = len < buf.length ? 0 : in.readNBytes(buf, 0, buf.length);
    }
    return Optional.empty();
  }

  static Optional<Info> parse(byte[] b) {
    if (b.length < HEADER + 2 || (b[15] & 2) == 0) {
      return Optional.empty(); // flags bit 2: inline strings (Go 1.18+); older layouts use pointers
    }
    int[] pos = {HEADER};
    String version = varString(b, pos);
    String mod = varString(b, pos);
    if (version == null || mod == null) {
      return Optional.empty();
    }
    if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
      mod = mod.substring(16, mod.length() - 16); // strip the sentinel wrapping
    }
    String mainPath = null;
    String mainVersion = null;
    List<Module> deps = new ArrayList<>();
    List<String> build = new ArrayList<>();
    for (String line : mod.split("\n")) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "mod" -> {
          if (f.length >= 3) {
            mainPath = f[1];
            mainVersion = f[2];
          }
        }
        case "path" -> {
          if (f.length >= 2 && mainPath == null) {
            mainPath = f[1];
          }
        }
        case "dep" -> {
          if (f.length >= 3) {
            deps.add(new Module(f[1], f[2]));
          }
        }
        case "=>" -> {
          if (f.length >= 3 && !deps.isEmpty()) {
            deps.set(deps.size() - 1, new Module(f[1], f[2])); // replaced: the replacement is what is linked
          }
        }
        case "build" -> {
          if (f.length >= 2) {
            build.add(f[1]);
          }
        }
        default -> {}
      }
    }
    return Optional.of(new Info(version, mainPath, mainVersion, List.copyOf(deps), List.copyOf(build)));
  }

  private static String varString(byte[] b, int[] pos) {
    long len = 0;
    int shift = 0;
    while (pos[0] < b.length) {
      int x = b[pos[0]++] & 0xff;
      len |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 35) {
        return null;
      }
    }
    if (len < 0 || len > MAX_STRING || pos[0] + len > b.length) {
      return null;
    }
    String s = new String(b, pos[0], (int) len, StandardCharsets.UTF_8);
    pos[0] += (int) len;
    return s;
  }
}
