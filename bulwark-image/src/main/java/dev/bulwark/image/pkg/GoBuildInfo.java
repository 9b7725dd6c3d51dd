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
    byte[] buf = new byte[1 << 16];
    byte[] carry = new byte[0];
    int n;
    while ((n = in.read(buf)) > 0) {
      byte[] window = new byte[carry.length + n];
      System.arraycopy(carry, 0, window, 0, carry.length);
      System.arraycopy(buf, 0, window, carry.length, n);
      int at = indexOf(window, MAGIC);
      if (at >= 0) {
        byte[] rest = Arrays.copyOfRange(window, at, window.length);
        byte[] more = in.readNBytes(2 * MAX_STRING);
        byte[] all = new byte[rest.length + more.length];
        System.arraycopy(rest, 0, all, 0, rest.length);
        System.arraycopy(more, 0, all, rest.length, more.length);
        return parse(all);
      }
      int keep = Math.min(window.length, MAGIC.length - 1);
      carry = Arrays.copyOfRange(window, window.length - keep, window.length);
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

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
