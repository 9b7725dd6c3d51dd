package dev.bulwark.image.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The functions a Go binary holds, from its symbol table (pclntab): what govulncheck reads in binary mode to tell
 * whether a module's vulnerable functions were linked in at all. The table survives {@code -ldflags "-s -w"} and
 * {@code strip}: the runtime needs it for stack traces.
 *
 * <p>Read from bytes pushed past a {@link Scanner} in one pass. The header ({@code runtime.pcHeader}) is found by its
 * magic (Go 1.16–1.17 {@code 0xfffffffa}, 1.18–1.19 {@code 0xfffffff0}, 1.20+ {@code 0xfffffff1}), either byte order,
 * two zero bytes, the minimum instruction size and the pointer size, and is then checked: its table offsets must be
 * in order. Its {@code funcnametab} is every function name of the binary, inlined ones included, each ending in a
 * NUL. Older layouts (Go before 1.16) name functions elsewhere and are not read: such a binary has no table, and no
 * reachability is judged for it.
 */
public final class GoSymbols {
  /** Function names longer than this (generic instantiations spelled out) are skipped: no advisory names such a symbol. */
  static final int MAX_NAME = 4096;
  /** A funcnametab larger than this is made up (the largest real binaries have a few MiB). */
  static final long MAX_TABLE_BYTES = 64L << 20;
  /** How far into the file the Go build-id note must appear; without one the file is no Go binary and is not searched. */
  static final int NOTE_WINDOW = 64 << 10;
  /** A 64-bit header's size; 32-bit headers are smaller, so this many bytes always suffice to check one. */
  private static final int HEADER_MAX = 8 + 8 * 8;

  private GoSymbols() {}


  /** Whether {@code raw} (a pclntab header's first four bytes read little-endian) is a magic this reader knows. */
  static int version(int magic) {
    return switch (magic) {
      case 0xfffffffa -> 116;
      case 0xfffffff0 -> 118;
      case 0xfffffff1 -> 120;
      default -> 0;
    };
  }

  /**
   * The function-name table's bounds, relative to the header at {@code at} in {@code b} (which has at least
   * {@link #HEADER_MAX} bytes from there, or the header's own size), or null when these bytes are no pcHeader.
   */
  static long[] header(byte[] b, int at, int available) {
    if (available < 8 || b[at + 4] != 0 || b[at + 5] != 0) {
      return null;
    }
    int minLc = b[at + 6];
    int ptr = b[at + 7];
    if ((minLc != 1 && minLc != 2 && minLc != 4) || (ptr != 4 && ptr != 8)) {
      return null;
    }
    boolean little = (b[at] & 0xff) != 0xff;
    int magic = little ? readInt(b, at, 4, true) : readInt(b, at, 4, false);
    int version = version(magic);
    if (version == 0) {
      return null;
    }
    // nfunc, nfiles, [textStart], funcnameOffset, cuOffset, filetabOffset, pctabOffset, pclnOffset
    int fields = version >= 118 ? 8 : 7;
    int size = 8 + fields * ptr;
    if (available < size) {
      return null;
    }
    long[] f = new long[fields];
    for (int i = 0; i < fields; i++) {
      f[i] = readLong(b, at + 8 + i * ptr, ptr, little);
    }
    int names = version >= 118 ? 3 : 2;
    long nfunc = f[0];
    long funcname = f[names];
    long cu = f[names + 1];
    long filetab = f[names + 2];
    long pctab = f[names + 3];
    long pcln = f[names + 4];
    // the tables follow the header in this order (Go's linker writes them so); anything else is data that looks like a magic
    if (nfunc <= 0 || nfunc > 10_000_000 || funcname < size || funcname > size + 4096 || cu <= funcname || cu - funcname > MAX_TABLE_BYTES
        || filetab < cu || pctab < filetab || pcln < pctab || pcln > (1L << 32)) {
      return null;
    }
    return new long[] {funcname, cu};
  }

  private static int readInt(byte[] b, int at, int n, boolean little) {
    return (int) readLong(b, at, n, little);
  }

  private static long readLong(byte[] b, int at, int n, boolean little) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      int x = b[at + (little ? n - 1 - i : i)] & 0xff;
      v = (v << 8) | x;
    }
    return v;
  }

  /**
   * Finds the pclntab in an executable's bytes as they stream past and turns its function names into a
   * {@link GoSymbolTable}. Files without the Go build-id note in their first {@link #NOTE_WINDOW} bytes are dropped
   * at once: the search is only paid for Go binaries. Candidates are compared at 4-byte aligned offsets (the section
   * is aligned more than that).
   */
  public static final class Scanner {
    private final GoSymbolTable.Builder names;
    private long offset;
    private boolean done;
    /** The first bytes, kept until the build-id note is seen or {@link #NOTE_WINDOW} is passed. */
    private byte[] head = new byte[4096];
    private int headSize;
    private boolean goNote;
    /** Bytes before {@link #offset} at which a candidate header could still start, with fewer than HEADER_MAX after them. */
    private byte[] carry = new byte[HEADER_MAX + 4];
    private int carrySize;
    /** The file range of the read-only segment(s) the table must be in; the whole file when the headers do not say. */
    private long searchFrom;
    private long searchTo = Long.MAX_VALUE;
    /** Once the header is found: the table's absolute bounds. */
    private long tableStart = -1;
    private long tableEnd;
    private final byte[] name = new byte[MAX_NAME];
    private int nameSize;
    private boolean nameTooLong;

    /** A scanner whose table keeps at most {@code maxEntries} entries (then it is incomplete, and judges nothing). */
    public Scanner(int maxEntries) {
      this.names = new GoSymbolTable.Builder(maxEntries);
    }

    /** Takes the next bytes; false once it needs no more. */
    public boolean accept(byte[] b, int off, int len) {
      if (done || len == 0) {
        return !done;
      }
      if (!goNote) {
        if (!lookForNote(b, off, len)) {
          return !done;
        }
      }
      if (tableStart >= 0) {
        takeNames(b, off, len, offset);
        offset += len;
        return !done;
      }
      search(b, off, len);
      return !done;
    }

    /** The symbol table, when a Go 1.16+ pclntab went by whole; empty otherwise. */
    public Optional<GoSymbolTable> finish() {
      boolean complete = tableStart >= 0 && offset >= tableEnd;
      done = true;
      head = null;
      return complete ? names.build() : Optional.empty();
    }

    /** False while the note is not yet decided; the bytes before a found note are searched from {@link #head}. */
    private boolean lookForNote(byte[] b, int off, int len) {
      int take = (int) Math.min(len, NOTE_WINDOW - headSize);
      if (headSize + take > head.length) {
        head = Arrays.copyOf(head, Math.min(NOTE_WINDOW, Math.max(headSize + take, head.length * 2)));
      }
      System.arraycopy(b, off, head, headSize, take);
      headSize += take;
      if (headSize >= 4 && (head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F')) {
        done = true; // ELF only: Go's Mach-O and PE binaries are not images' executables
        return false;
      }
      if (!hasGoNote(head, headSize)) {
        if (headSize >= NOTE_WINDOW) {
          done = true;
        }
        return false;
      }
      goNote = true;
      long[] segment = readOnlySegment(head, headSize);
      if (segment != null) {
        searchFrom = segment[0];
        searchTo = segment[1];
      }
      // search what was held back, then the rest of this chunk
      byte[] held = head;
      int heldSize = headSize;
      head = null;
      offset = 0;
      search(held, 0, heldSize);
      if (take < len && !done) {
        accept(b, off + take, len - take);
      }
      return false;
    }

    /**
     * The file range covering the ELF's read-only loadable segments ({@code PT_LOAD} with flags R only), where Go's
     * linker puts {@code .rodata} through {@code .gopclntab}; null when the program headers are not in the first
     * bytes or there is no such segment (some external links keep read-only data in the text segment).
     */
    static long[] readOnlySegment(byte[] h, int size) {
      if (size < 0x40) {
        return null;
      }
      boolean wide = h[4] == 2;
      boolean little = h[5] != 2;
      long phoff = wide ? readLong(h, 0x20, 8, little) : readLong(h, 0x1c, 4, little);
      int phentsize = (int) (wide ? readLong(h, 0x36, 2, little) : readLong(h, 0x2a, 2, little));
      int phnum = (int) (wide ? readLong(h, 0x38, 2, little) : readLong(h, 0x2c, 2, little));
      if (phentsize < (wide ? 56 : 32) || phnum <= 0 || phoff < 0 || phoff + (long) phentsize * phnum > size) {
        return null;
      }
      long from = Long.MAX_VALUE;
      long to = -1;
      for (int k = 0; k < phnum; k++) {
        int at = (int) phoff + k * phentsize;
        long type = readLong(h, at, 4, little);
        long flags = wide ? readLong(h, at + 4, 4, little) : readLong(h, at + 24, 4, little);
        long offset = wide ? readLong(h, at + 8, 8, little) : readLong(h, at + 4, 4, little);
        long filesz = wide ? readLong(h, at + 32, 8, little) : readLong(h, at + 16, 4, little);
        if (type == 1 && (flags & 7) == 4 && offset >= 0 && filesz > 0) {
          from = Math.min(from, offset);
          to = Math.max(to, offset + filesz);
        }
      }
      return to < 0 ? null : new long[] {from, to};
    }

    /** The ELF note {@code .note.go.buildid}: name size 4, type 4 and the name "Go\0\0", at a 4-aligned offset. */
    static boolean hasGoNote(byte[] b, int size) {
      for (int i = 0; i + 16 <= size; i += 4) {
        if (b[i + 12] == 'G' && b[i + 13] == 'o' && b[i + 14] == 0 && b[i + 15] == 0
            && (word(b, i, true) == 4 && word(b, i + 8, true) == 4 || word(b, i, false) == 4 && word(b, i + 8, false) == 4)) {
          return true;
        }
      }
      return false;
    }

    private static int word(byte[] b, int at, boolean little) {
      return readInt(b, at, 4, little);
    }

    /**
     * Looks for the header in these bytes (which follow {@link #offset}), in place. A candidate needs
     * {@link #HEADER_MAX} bytes to be checked: the last few of a chunk are carried, and checked with the first bytes of
     * the next one (only those, so a chunk is never copied).
     */
    private void search(byte[] b, int off, int len) {
      if (carrySize > 0) {
        int take = Math.min(len, HEADER_MAX);
        byte[] joined = Arrays.copyOf(carry, carrySize + take);
        System.arraycopy(b, off, joined, carrySize, take);
        long joinedAt = offset - carrySize;
        int carried = carrySize;
        carrySize = 0;
        for (int p = 0; p < carried && joinedAt + p < searchTo; p += 4) {
          if (joined.length - p < HEADER_MAX) {
            // a chunk shorter than a header: keep carrying, this chunk included (take == len here)
            carrySize = joined.length - p;
            if (carrySize > carry.length) {
              carry = new byte[carrySize * 2];
            }
            System.arraycopy(joined, p, carry, 0, carrySize);
            offset += len;
            return;
          }
          if (candidate(joined, p) && tryHeader(joined, p, joinedAt + p)) {
            takeNames(joined, 0, carried, joinedAt); // a 32-bit header's table can start in the carried bytes
            takeNames(b, off, len, offset);
            offset += len;
            return;
          }
        }
      }
      // the positions to look at: 4-aligned, inside the read-only segment (the only one that can hold the table)
      int end = off + len;
      long chunkAt = offset;
      long fromAbs = Math.max(chunkAt, searchFrom);
      fromAbs += align(fromAbs);
      long toAbs = Math.min(chunkAt + len, searchTo);
      offset += len;
      if (fromAbs >= toAbs) {
        stopAfterSegment();
        return;
      }
      int i = off + (int) (fromAbs - chunkAt);
      int stop = off + (int) (toAbs - chunkAt);
      int checkable = end - HEADER_MAX; // a header at or before this offset is whole in this chunk
      for (; i < stop && i <= checkable; i += 4) {
        if (b[i + 1] != (byte) 0xff) {
          continue; // the common case in one compare: this loop runs over megabytes before a JIT has compiled it
        }
        if (candidate(b, i) && tryHeader(b, i, chunkAt + (i - off))) {
          takeNames(b, off, len, chunkAt);
          return;
        }
      }
      if (i < stop) {
        // the last candidates need bytes of the next chunk: carry them
        carrySize = end - i;
        System.arraycopy(b, i, carry, 0, carrySize);
        return;
      }
      stopAfterSegment();
    }

    /** Once the read-only segment went by without a table, nothing more is read. */
    private void stopAfterSegment() {
      if (offset >= searchTo && tableStart < 0 && carrySize == 0) {
        done = true;
      }
    }

    /**
     * The cheap part of the header check, for offsets whose magic's middle bytes are 0xff: a known magic in either
     * byte order, the two zero bytes, a possible instruction size and pointer size.
     */
    private static boolean candidate(byte[] b, int i) {
      if (b[i + 1] != (byte) 0xff || b[i + 2] != (byte) 0xff || b[i + 4] != 0 || b[i + 5] != 0) {
        return false;
      }
      int minLc = b[i + 6];
      int ptr = b[i + 7];
      if ((minLc != 1 && minLc != 2 && minLc != 4) || (ptr != 4 && ptr != 8)) {
        return false;
      }
      int low = b[i] == (byte) 0xff ? b[i + 3] & 0xff : b[i + 3] == (byte) 0xff ? b[i] & 0xff : -1;
      return low == 0xf0 || low == 0xf1 || low == 0xfa;
    }

    /** Distance from {@code abs} to the next 4-aligned absolute offset. */
    private static int align(long abs) {
      return (int) ((4 - abs % 4) % 4);
    }

    private boolean tryHeader(byte[] b, int at, long absolute) {
      long[] t = header(b, at, HEADER_MAX);
      if (t == null) {
        return false;
      }
      tableStart = absolute + t[0];
      tableEnd = absolute + t[1];
      return true;
    }

    /** The part of {@code b[off, off+len)} (at absolute {@code at}) inside the table, name by name. */
    private void takeNames(byte[] b, int off, int len, long at) {
      long from = Math.max(at, tableStart);
      long to = Math.min(at + len, tableEnd);
      for (long p = from; p < to; p++) {
        byte x = b[off + (int) (p - at)];
        if (x == 0) {
          if (!nameTooLong && nameSize > 0) {
            names.add(new String(name, 0, nameSize, StandardCharsets.UTF_8));
          }
          nameSize = 0;
          nameTooLong = false;
        } else if (nameSize < MAX_NAME) {
          name[nameSize++] = x;
        } else {
          nameTooLong = true;
        }
      }
      if (at + len >= tableEnd) {
        done = true;
      }
    }
  }
}
