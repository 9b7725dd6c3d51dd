package dev.bulwark.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tar stream read as Go's archive/tar (Docker's and containerd's reader) reads it: ustar, PAX
 * ({@code x} records; {@code g} global headers are skipped, as Docker's applier ignores them), GNU
 * long names and links, star prefixes, base-256 numbers; the header checksum verified; a header cut
 * mid-block, data cut short, or one end-of-archive block followed by another header is an error
 * (never fewer files in silence); a clean end at a block boundary without the end blocks is
 * accepted, as Docker accepts it. PAX and GNU long-name headers past 1 MiB are refused before they
 * are read (Go's {@code maxSpecialFileSize}). The entry's data is this stream between
 * {@link #next} calls; header-only types (links, directories, devices, FIFOs) have none, whatever
 * their size field says, as in Go.
 *
 * <p>Written for a layer of a million entries: one header object and its strings per entry, no
 * per-entry buffers, maps or time parsing (commons-compress spent about 25 KiB of garbage and 30 µs
 * per PAX-headed entry, most of the cost of reading such a layer).
 */
public final class TarReader extends InputStream {
  private static final int BLOCK = 512;
  /** Go's archive/tar refuses PAX and GNU long-name/long-link headers past this size. */
  static final long MAX_SPECIAL_BYTES = 1 << 20;
  /** The PAX records whose values the reader uses, besides the names and GNU sparse ones. */
  private static final java.util.Set<String> USED = java.util.Set.of("size", "uid", "gid");

  /**
   * One entry's header, after its PAX records and GNU long names were applied. {@code size} is the
   * file's size (a sparse file's logical size); {@code sparse} marks GNU sparse files, whose data is
   * their stored fragments, not the file's bytes.
   */
  public record Header(String name, String linkName, byte type, int mode, long uid, long gid, long size, boolean sparse) {
    public boolean isSymlink() {
      return type == '2';
    }

    public boolean isHardLink() {
      return type == '1';
    }

    /** A directory: its type, or (as commons-compress and old tars have it) a name ending in '/'. */
    public boolean isDirectory() {
      return type == '5' || name.endsWith("/");
    }

    public boolean isCharDevice() {
      return type == '3';
    }

    public boolean isBlockDevice() {
      return type == '4';
    }

    public boolean isFifo() {
      return type == '6';
    }
  }

  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private final byte[] scratch = new byte[8192];
  private final byte[] one = new byte[1];
  /** Bytes taken from {@code in}, for messages. */
  private long offset;
  /** Data bytes of the current entry not yet read, and the padding after them. */
  private long remaining;
  private int padding;
  private String current;
  private boolean ended;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive; what is left of the current entry's data is skipped. */
  public Header next() throws IOException {
    if (ended) {
      return null;
    }
    skipData();
    Map<String, String> pax = null;
    String longName = null;
    String longLink = null;
    while (true) {
      if (!readHeaderBlock()) {
        ended = true;
        return null;
      }
      byte type = block[156];
      long size = number(124, 12);
      if (size < 0) {
        throw new IOException("a malformed tar header at byte " + (offset - BLOCK) + " (negative size)");
      }
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        if (size > MAX_SPECIAL_BYTES) {
          throw new IOException("a tar metadata header (type '" + (char) type + "') of " + size + " bytes, past the 1 MiB limit");
        }
        byte[] data = readSpecial((int) size);
        switch (type) {
          case 'x' -> pax = pax(data);
          case 'g' -> pax(data); // checked, then ignored as Docker ignores it
          case 'L' -> longName = cString(data, 0, data.length);
          default -> longLink = cString(data, 0, data.length);
        }
        continue;
      }
      return entry(type, size, pax, longName, longLink);
    }
  }

  private Header entry(byte type, long size, Map<String, String> pax, String longName, String longLink) throws IOException {
    boolean ustar = matches(257, "ustar\0");
    String name = cString(block, 0, 100);
    if (ustar) {
      String prefix = cString(block, 345, matches(508, "tar\0") ? 131 : 155); // star's prefix is shorter
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    String linkName = cString(block, 157, 100);
    int mode = (int) number(100, 8);
    long uid = number(108, 8);
    long gid = number(116, 8);
    boolean sparse = false;
    if (pax != null) {
      name = pax.getOrDefault("path", name);
      linkName = pax.getOrDefault("linkpath", linkName);
      uid = decimal(pax, "uid", uid);
      gid = decimal(pax, "gid", gid);
      size = decimal(pax, "size", size);
    }
    if (longName != null) {
      name = longName;
    }
    if (longLink != null) {
      linkName = longLink;
    }
    long stored = size;
    if (type == 'S') {
      sparse = true;
      boolean extended = block[482] != 0;
      size = number(483, 12); // the real size; the extension blocks of the sparse map follow this header
      while (extended) {
        if (!readBlock()) {
          throw truncated("a sparse map");
        }
        extended = block[504] != 0;
      }
    } else if (pax != null && (pax.containsKey("GNU.sparse.major") || pax.containsKey("GNU.sparse.map") || pax.containsKey("GNU.sparse.numblocks"))) {
      sparse = true;
      name = pax.getOrDefault("GNU.sparse.name", name);
      size = decimal(pax, "GNU.sparse.size", decimal(pax, "GNU.sparse.realsize", size));
    }
    if (size < 0) {
      throw new IOException("a malformed tar header for '" + name + "' (negative size)");
    }
    boolean headerOnly = type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6';
    remaining = headerOnly ? 0 : stored;
    padding = (int) ((BLOCK - remaining % BLOCK) % BLOCK);
    current = name;
    return new Header(name, linkName, type, mode, uid, gid, size, sparse);
  }

  /** Reads a header block: false at a clean end (no more blocks, or the end-of-archive blocks). */
  private boolean readHeaderBlock() throws IOException {
    if (!readBlock()) {
      return false;
    }
    if (isZero(block)) {
      if (!readBlock() || isZero(block)) {
        return false; // one or two zero blocks: the end (Go reads no further)
      }
      throw new IOException("an end-of-archive block is followed by another header at byte " + (offset - BLOCK) + " (not a valid tar archive)");
    }
    if (!checksumMatches()) {
      throw new IOException("a tar header at byte " + (offset - BLOCK) + " has a wrong checksum (not a tar archive, or corrupt)");
    }
    return true;
  }

  /** Reads one block; false when the stream ends exactly at a block boundary. */
  private boolean readBlock() throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    offset += n;
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new IOException("the archive ends inside a tar header (truncated after " + offset + " bytes)");
    }
    return true;
  }

  private byte[] readSpecial(int size) throws IOException {
    byte[] data = new byte[size]; // InputStream.readNBytes(int) would allocate 8 KiB more per header
    int n = in.readNBytes(data, 0, size);
    offset += n;
    if (n < size) {
      throw truncated("a tar metadata header");
    }
    remaining = 0;
    padding = (BLOCK - size % BLOCK) % BLOCK;
    skipData();
    return data;
  }

  private IOException truncated(String what) {
    return new IOException("the archive ends inside " + what + " (truncated after " + offset + " bytes)");
  }

  /** Skips the current entry's unread data and its padding. */
  private void skipData() throws IOException {
    while (remaining > 0) {
      if (read(scratch, 0, (int) Math.min(scratch.length, remaining)) < 0) {
        break; // read() has thrown for a short archive
      }
    }
    if (padding > 0) {
      int n = in.readNBytes(scratch, 0, padding);
      offset += n;
      if (n < padding) {
        throw truncated("the padding after '" + current + "'");
      }
      padding = 0;
    }
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw truncated("the data of '" + current + "'");
    }
    offset += n;
    remaining -= n;
    return n;
  }

  @Override
  public int available() {
    return 0;
  }

  /** The checksum field against the header's unsigned or (old tars) signed byte sum, the field itself as spaces. */
  private boolean checksumMatches() throws IOException {
    long stored = number(148, 8);
    if (stored == 8 * ' ' + unsignedSum(0, 148) + unsignedSum(156, BLOCK)) {
      return true;
    }
    int signed = 8 * ' ';
    for (int i = 0; i < BLOCK; i++) {
      signed += i >= 148 && i < 156 ? 0 : block[i];
    }
    return stored == signed;
  }

  /** Branch-free, so the compiler vectorizes it: every header of a million-entry layer is summed. */
  private int unsignedSum(int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      sum += block[i] & 0xff;
    }
    return sum;
  }

  /** A numeric field as Go's parseNumeric reads it: base-256 when the high bit is set, else octal padded with spaces or NULs. */
  private long number(int off, int len) throws IOException {
    if ((block[off] & 0x80) != 0) {
      int inv = (block[off] & 0x40) != 0 ? 0xff : 0; // negative: read the inverted bytes
      long x = 0;
      for (int i = 0; i < len; i++) {
        int c = (block[off + i] ^ inv) & 0xff;
        if (i == 0) {
          c &= 0x7f;
        }
        if ((x >>> 56) != 0) {
          throw malformed("a base-256 number that overflows");
        }
        x = x << 8 | c;
      }
      if (x < 0) {
        throw malformed("a base-256 number that overflows");
      }
      return inv == 0 ? x : ~x;
    }
    int start = off;
    int end = off + len;
    while (start < end && (block[start] == ' ' || block[start] == 0)) {
      start++;
    }
    while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
      end--;
    }
    long v = 0;
    for (int i = start; i < end && block[i] != 0; i++) {
      int c = block[i] - '0';
      if (c < 0 || c > 7 || (v >>> 61) != 0) {
        throw malformed("a number that is not octal");
      }
      v = v << 3 | c;
    }
    return v;
  }

  private IOException malformed(String what) {
    return new IOException("a malformed tar header at byte " + (offset - BLOCK) + " (" + what + ")");
  }

  private boolean matches(int off, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (block[off + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A NUL-terminated field: ASCII read directly; otherwise UTF-8 with '?' for malformed bytes, as commons-compress decoded names. */
  private static String cString(byte[] b, int off, int len) throws IOException {
    int end = off;
    boolean ascii = true;
    while (end < off + len && b[end] != 0) {
      ascii &= b[end] >= 0;
      end++;
    }
    if (ascii) {
      return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
          .replaceWith("?").decode(ByteBuffer.wrap(b, off, end - off)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("an undecodable tar entry name", e);
    }
  }

  /** PAX records ("LEN KEY=VALUE\n"), checked as Go's parsePAXRecord checks them; later records win. */
  private Map<String, String> pax(byte[] data) throws IOException {
    Map<String, String> out = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      long n = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9' && n < Integer.MAX_VALUE) {
        n = n * 10 + data[space++] - '0';
      }
      if (space == pos || space >= data.length || data[space] != ' ' || n < 5 || n > data.length - pos || data[pos + (int) n - 1] != '\n') {
        throw new IOException("a malformed PAX record at byte " + pos + " of the extended header before byte " + offset);
      }
      int recordEnd = pos + (int) n - 1;
      int eq = space + 1;
      while (eq < recordEnd && data[eq] != '=') {
        eq++;
      }
      if (eq == space + 1 || eq >= recordEnd) {
        throw new IOException("a malformed PAX record at byte " + pos + " of the extended header before byte " + offset);
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      boolean named = key.equals("path") || key.equals("linkpath") || key.equals("uname") || key.equals("gname");
      if (named ? indexOf(data, eq + 1, recordEnd, (byte) 0) >= 0 : key.indexOf('\0') >= 0) {
        throw new IOException("a PAX record '" + key + "' with a NUL byte");
      }
      if (named || USED.contains(key) || key.startsWith("GNU.sparse.")) { // times, xattrs and the rest are not used: no string for them
        out.put(key, new String(data, eq + 1, recordEnd - eq - 1, StandardCharsets.UTF_8));
      }
      pos = recordEnd + 1;
    }
    return out;
  }

  private static int indexOf(byte[] b, int from, int to, byte x) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static long decimal(Map<String, String> pax, String key, long fallback) throws IOException {
    String v = pax.get(key);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IOException("a PAX record '" + key + "' that is not a number: '" + v.substring(0, Math.min(40, v.length())) + "'");
    }
  }

  /** The size field: octal, or base-256 when its first byte has the high bit (negative when the next bit is set too). */
  public static long size(byte[] record) {
    if ((record[124] & 0x80) != 0) {
      if ((record[124] & 0x40) != 0) {
        return -1;
      }
      long v = record[124] & 0x3f;
      for (int i = 125; i < 136; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          return Long.MAX_VALUE;
        }
        v = (v << 8) | (record[i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = 124; i < 136; i++) {
      int c = record[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
      } else if (c == 0 || c == ' ') {
        if (v > 0) {
          break;
        }
      } else {
        return -1;
      }
    }
    return v;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
