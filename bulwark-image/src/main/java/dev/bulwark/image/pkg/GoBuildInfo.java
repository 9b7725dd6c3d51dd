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
 * ({@code path}, {@code mod}, {@code dep}, {@code =>} and {@code build} lines). Found in bytes
 * pushed past a {@link Scanner} in one pass, without keeping the binary.
 */
public final class GoBuildInfo {
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER = 32;
  private static final int MAX_STRING = 1 << 20;
  private static final int ALIGN = 16;
  /** Real programs link hundreds of modules; a build info listing more is made up, and each becomes a package. */
  static final int MAX_DEPS = 10_000;
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

  private GoBuildInfo() {}

  /** A Go binary's toolchain version, main module and dependencies. */
  public record Info(String goVersion, String mainPath, String mainVersion, List<Module> deps, List<String> buildSettings) {}

  /** A module and its version (with the replacement applied when there is one). */
  public record Module(String path, String version) {}

  /** Scans {@code in} (an executable's bytes) for the build info; empty for non-Go or pre-1.18 binaries. */
  public static Optional<Info> scan(InputStream in) throws IOException {
    Scanner s = new Scanner();
    byte[] buf = new byte[1 << 16];
    int n;
    while (s.accept(buf, 0, 0) && (n = in.read(buf)) >= 0) {
      s.accept(buf, 0, n);
    }
    return s.finish();
  }

  /**
   * Looks for the build info in bytes pushed to it in order, in chunks of any size, so it can
   * watch an executable stream past with other watchers. ELF only. The build info sits at a
   * 16-byte aligned file offset (its section is 16-aligned and ELF keeps offsets congruent to
   * addresses), so only aligned positions are compared: this runs over every executable of an
   * image and must keep up with decompression.
   */
  public static final class Scanner {
    /** The header, two varints and two strings at most: parse needs no more than this. */
    private static final int NEEDED = HEADER + 2 * (MAX_STRING + 16);

    private long offset;
    /** The last bytes before {@link #offset} (fewer than the magic), for a magic split across two chunks. */
    private final byte[] tail = new byte[MAGIC.length - 1];
    private int tailLength;
    /** The bytes from the magic on, collected only as far as the two strings reach. */
    private byte[] found;
    private int size;
    private int target = NEEDED;
    private boolean done;

    /** Takes the next bytes; false once it needs no more. */
    public boolean accept(byte[] b, int off, int len) {
      if (done || len == 0) {
        return !done;
      }
      if (found != null) {
        collect(b, off, len);
        return !done;
      }
      if (offset < 4 && !elfSoFar(b, off, len)) {
        done = true; // ELF only
        return false;
      }
      int split = splitMagic(b, off, len);
      if (split >= 0) {
        found = new byte[4096];
        System.arraycopy(tail, tailLength - split, found, 0, split);
        size = split;
        collect(b, off, len);
        return !done;
      }
      int first = off + (int) ((ALIGN - offset % ALIGN) % ALIGN);
      for (int i = first; i + MAGIC.length <= off + len; i += ALIGN) {
        if (b[i] == MAGIC[0] && Arrays.equals(b, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
          found = new byte[4096];
          collect(b, i, off + len - i);
          return !done;
        }
      }
      keepTail(b, off, len);
      offset += len;
      return true;
    }

    /** The build info, once the whole file went by (or the scanner stopped asking). */
    public Optional<Info> finish() {
      done = true;
      return found == null ? Optional.empty() : parse(Arrays.copyOf(found, size));
    }

    private boolean elfSoFar(byte[] b, int off, int len) {
      for (int i = 0; i < len && offset + i < 4; i++) {
        if (b[off + i] != ELF[(int) offset + i]) {
          return false;
        }
      }
      return true;
    }

    /** How many tail bytes start a magic that this chunk completes at an aligned offset; -1 when none does. */
    private int splitMagic(byte[] b, int off, int len) {
      for (int k = tailLength; k > 0; k--) {
        long at = offset - k;
        if (at % ALIGN != 0 || MAGIC.length - k > len) {
          continue;
        }
        if (Arrays.equals(tail, tailLength - k, tailLength, MAGIC, 0, k) && Arrays.equals(b, off, off + MAGIC.length - k, MAGIC, k, MAGIC.length)) {
          return k;
        }
      }
      return -1;
    }

    private void keepTail(byte[] b, int off, int len) {
      int keep = Math.min(tail.length, len);
      int fromOld = Math.min(tail.length - keep, tailLength);
      System.arraycopy(tail, tailLength - fromOld, tail, 0, fromOld);
      System.arraycopy(b, off + len - keep, tail, fromOld, keep);
      tailLength = fromOld + keep;
    }

    /**
     * Keeps bytes up to what the header's two varint-prefixed strings need, which is known once
     * their lengths went by: a binary costs its build info (kilobytes), not the 2 MiB the
     * largest allowed strings would take.
     */
    private void collect(byte[] b, int off, int len) {
      int n = Math.min(len, target - size);
      if (size + n > found.length) {
        found = Arrays.copyOf(found, Math.min(target, Math.max(size + n, found.length * 2)));
      }
      System.arraycopy(b, off, found, size, n);
      size += n;
      target = Math.min(target, needed(found, size));
      done = size >= target;
    }
  }

  /** The bytes the build info at the start of {@code b} takes, as far as the first {@code size} bytes tell; NEEDED when not yet known. */
  static int needed(byte[] b, int size) {
    if (size < HEADER) {
      return Scanner.NEEDED;
    }
    if ((b[15] & 2) == 0) {
      return HEADER; // pointer layout (before Go 1.18): nothing inline to collect
    }
    int end = HEADER;
    for (int string = 0; string < 2; string++) {
      long len = 0;
      int shift = 0;
      int p = end;
      while (true) {
        if (p >= size) {
          return Scanner.NEEDED;
        }
        int x = b[p++] & 0xff;
        len |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 35) {
          return p; // not a varint: parse refuses it
        }
      }
      if (len > MAX_STRING) {
        return p; // too long: parse refuses it
      }
      end = p + (int) len;
    }
    return end;
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
    boolean lastKept = false;
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
          lastKept = f.length >= 3 && deps.size() < MAX_DEPS;
          if (lastKept) {
            deps.add(new Module(f[1], f[2]));
          }
        }
        case "=>" -> {
          if (f.length >= 3 && lastKept) {
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
