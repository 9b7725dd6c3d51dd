package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The database as an indexed file, memory-mapped when opened and decoded only where a query lands. Layout (big-endian
 * ints; every offset from the file's start):
 *
 * <pre>
 * "BWVULNDB" version crc32c(bytes 16..end) headerLength header(JSON: built, sources, advisories, perEcosystem)
 * packageCount { keyOffset keyLength listOffset listCount }*   sorted by key's UTF-8 bytes (unsigned)
 * advisoryCount { blobOffset blobLength }*
 * keys (UTF-8 of {@link PackageKeys#key})   lists { advisory affectedIndex }*   advisory blobs ({@link AdvisoryCodec})
 * </pre>
 *
 * <p>Why: opening the gzip JSON file decoded every record (≈240 ms for the 8.5k shared samples, before any query),
 * and a scan queries a few hundred packages of which most have no advisory. Here opening is a map, one CRC over the
 * file (a truncated or bit-flipped file is one error at open, not a wrong answer later) and a check that every index
 * entry points inside its section; a query is a binary search over the keys and the JSON decoding of the advisories
 * of that one package, each once per opened database (a Go binary's {@code stdlib} has hundreds). Lists keep {@link MemoryVulnDatabase}'s candidate order, so the matches are the same, in the
 * same order. The blobs are the same records as the gzip JSON file and the index is a plain (key → advisory,
 * affected entry) table: the rows a later SQL schema would hold.
 */
public final class IndexedDbFile {
  /** The file name inside a database directory. */
  public static final String NAME = "vulndb.bin";
  static final byte[] MAGIC = "BWVULNDB".getBytes(StandardCharsets.US_ASCII);
  /** 2: Go records keep ecosystem_specific.imports (reachability). */
  public static final int VERSION = 2;
  /** Magic, version, CRC, header length. */
  static final int PREAMBLE = 20;
  static final int ENTRY = 16;
  static final int BLOB = 8;
  static final int PAIR = 8;

  private IndexedDbFile() {}

  /** The header: what {@link VulnDatabase#info()} returns, without decoding any advisory. */
  record Header(String built, List<String> sources, int advisories, Map<String, Integer> perEcosystem) {}

  /** Whether {@code file} starts with this format's magic (false for a missing or shorter file). */
  static boolean isIndexed(byte[] start) {
    return start.length >= MAGIC.length && Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** Writes {@code db} to {@code file} atomically; the directory is created when missing. */
  public static void save(MemoryVulnDatabase db, Path file) throws IOException {
    byte[] bytes = encode(db);
    DbFile.writeAtomically(file, out -> out.write(bytes));
  }

  static byte[] encode(MemoryVulnDatabase db) throws IOException {
    List<Advisory> advisories = db.advisories();
    byte[][] blobs = new byte[advisories.size()][];
    // key → (advisory, affected) in advisory order, then affected order: MemoryVulnDatabase's candidate order
    TreeMap<byte[], List<int[]>> byKey = new TreeMap<>(Arrays::compareUnsigned);
    for (int i = 0; i < advisories.size(); i++) {
      Advisory a = advisories.get(i);
      blobs[i] = AdvisoryCodec.encode(a);
      List<Affected> affected = a.affected();
      for (int j = 0; j < affected.size(); j++) {
        byte[] key = PackageKeys.key(affected.get(j).ecosystem(), affected.get(j).name()).getBytes(StandardCharsets.UTF_8);
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new int[] {i, j});
      }
    }
    DbInfo info = db.info();
    byte[] header = DbFile.JSON.writeValueAsBytes(
        new Header(info.built().toString(), info.sources(), info.advisories(), info.perEcosystem()));

    long keysAt = (long) PREAMBLE + header.length + 4 + (long) byKey.size() * ENTRY + 4 + (long) blobs.length * BLOB;
    long keysLength = 0;
    long pairs = 0;
    for (Map.Entry<byte[], List<int[]>> e : byKey.entrySet()) {
      keysLength += e.getKey().length;
      pairs += e.getValue().size();
    }
    long listsAt = keysAt + keysLength;
    long blobsAt = listsAt + pairs * PAIR;
    long total = blobsAt;
    for (byte[] b : blobs) total += b.length;
    if (total > Integer.MAX_VALUE) throw new IOException("the database would be " + total + " bytes, over this format's 2 GiB");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) total);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(0); // the CRC, filled in below
    out.writeInt(header.length);
    out.write(header);
    out.writeInt(byKey.size());
    long key = keysAt;
    long list = listsAt;
    for (Map.Entry<byte[], List<int[]>> e : byKey.entrySet()) {
      out.writeInt((int) key);
      out.writeInt(e.getKey().length);
      out.writeInt((int) list);
      out.writeInt(e.getValue().size());
      key += e.getKey().length;
      list += (long) e.getValue().size() * PAIR;
    }
    out.writeInt(blobs.length);
    long blob = blobsAt;
    for (byte[] b : blobs) {
      out.writeInt((int) blob);
      out.writeInt(b.length);
      blob += b.length;
    }
    for (byte[] k : byKey.keySet()) out.write(k);
    for (List<int[]> l : byKey.values()) {
      for (int[] p : l) {
        out.writeInt(p[0]);
        out.writeInt(p[1]);
      }
    }
    for (byte[] b : blobs) out.write(b);
    out.flush();
    byte[] result = bytes.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(result, 16, result.length - 16);
    ByteBuffer.wrap(result).putInt(12, (int) crc.getValue());
    return result;
  }

  /** Opens (maps) an indexed database file; {@link VulnDbException} says which file and what is wrong with it. */
  public static IndexedVulnDatabase open(Path file) throws VulnDbException {
    ByteBuffer buf;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) throw corrupt(file, "it is larger than this format's 2 GiB");
      MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      buf = mapped;
    } catch (NoSuchFileException e) {
      throw new VulnDbException("no vulnerability database at " + file + " (run `bulwark db import`)", e);
    } catch (IOException e) {
      if (e instanceof VulnDbException v) throw v;
      throw new VulnDbException("vulnerability database " + file + " cannot be read: " + e.getMessage(), e);
    }
    return read(file, buf);
  }

  /** Checks the whole structure of {@code buf} (the file's bytes) and returns the database over it. */
  static IndexedVulnDatabase read(Path file, ByteBuffer buf) throws VulnDbException {
    int size = buf.capacity();
    if (size < PREAMBLE) throw corrupt(file, "it ends early (" + size + " bytes)");
    byte[] magic = new byte[MAGIC.length];
    buf.get(0, magic);
    if (!isIndexed(magic)) throw new VulnDbException("vulnerability database " + file + " is not a bulwark-vulndb file", null);
    int version = buf.getInt(8);
    if (version != VERSION) {
      throw new VulnDbException("vulnerability database " + file + " has format version " + version
          + "; this bulwark reads version " + VERSION + " (re-import it)", null);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.duplicate().position(16));
    if ((int) crc.getValue() != buf.getInt(12)) throw corrupt(file, "its checksum does not match (truncated or damaged)");

    Sections s = new Sections(file, size);
    int headerLength = s.length(buf.getInt(16), PREAMBLE, "header");
    Header header;
    try {
      header = DbFile.JSON.readValue(slice(buf, PREAMBLE, headerLength), Header.class);
      if (header == null || header.sources() == null || header.perEcosystem() == null) throw corrupt(file, "an incomplete header");
    } catch (IOException e) {
      throw corrupt(file, "an unreadable header");
    }
    Instant built;
    try {
      built = Instant.parse(header.built());
    } catch (RuntimeException e) {
      throw corrupt(file, "bad build time '" + header.built() + "'");
    }
    int at = PREAMBLE + headerLength;
    int packages = s.count(buf, at, ENTRY, "package index");
    int index = at + 4;
    at = index + packages * ENTRY;
    int advisories = s.count(buf, at, BLOB, "advisory table");
    int table = at + 4;
    int keysAt = table + advisories * BLOB;
    // the sections in file order: keys, lists, blobs; each entry must stay inside its own
    int listsAt = packages == 0 ? keysAt : buf.getInt(index + 8);
    int blobsAt = advisories == 0 ? size : buf.getInt(table);
    if (listsAt < keysAt || blobsAt < listsAt || blobsAt > size) throw corrupt(file, "sections out of order");
    for (int i = 0; i < packages; i++) {
      int e = index + i * ENTRY;
      s.inside(buf.getInt(e), buf.getInt(e + 4), 1, keysAt, listsAt, "package key");
      int count = buf.getInt(e + 12);
      if (count <= 0) throw corrupt(file, "a package without advisories");
      s.inside(buf.getInt(e + 8), count, PAIR, listsAt, blobsAt, "package list");
      if (i > 0 && compareKeys(buf, e - ENTRY, buf, e) >= 0) throw corrupt(file, "package keys out of order");
      for (int p = 0; p < count; p++) {
        int pair = buf.getInt(e + 8) + p * PAIR;
        if (buf.getInt(pair) < 0 || buf.getInt(pair) >= advisories || buf.getInt(pair + 4) < 0) {
          throw corrupt(file, "a package list entry out of range");
        }
      }
    }
    for (int i = 0; i < advisories; i++) {
      s.inside(buf.getInt(table + i * BLOB), buf.getInt(table + i * BLOB + 4), 1, blobsAt, size, "advisory");
    }
    DbInfo info = new DbInfo(built, header.sources(), header.advisories(), header.perEcosystem());
    return new IndexedVulnDatabase(file, buf, info, index, packages, table, advisories);
  }

  /** Bounds checks in words; every failure names the file. */
  private record Sections(Path file, int size) {
    int length(int n, int at, String what) throws VulnDbException {
      if (n < 0 || (long) at + n > size) throw corrupt(file, "the " + what + " runs past the end");
      return n;
    }

    int count(ByteBuffer buf, int at, int each, String what) throws VulnDbException {
      if ((long) at + 4 > size) throw corrupt(file, "it ends early, in the " + what);
      int n = buf.getInt(at);
      if (n < 0 || at + 4 + (long) n * each > size) throw corrupt(file, "the " + what + " runs past the end");
      return n;
    }

    void inside(int offset, int count, int each, int from, int to, String what) throws VulnDbException {
      if (offset < from || count < 0 || offset + (long) count * each > to) throw corrupt(file, "a " + what + " outside its section");
    }
  }

  static int compareKeys(ByteBuffer a, int entryA, ByteBuffer b, int entryB) {
    return compare(a, a.getInt(entryA), a.getInt(entryA + 4), b, b.getInt(entryB), b.getInt(entryB + 4));
  }

  /** Unsigned lexicographic comparison of two byte ranges, as {@link Arrays#compareUnsigned} orders the keys. */
  static int compare(ByteBuffer a, int aOff, int aLen, ByteBuffer b, int bOff, int bLen) {
    int n = Math.min(aLen, bLen);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a.get(aOff + i) & 0xff, b.get(bOff + i) & 0xff);
      if (c != 0) return c;
    }
    return Integer.compare(aLen, bLen);
  }

  static byte[] slice(ByteBuffer buf, int offset, int length) {
    byte[] out = new byte[length];
    buf.get(offset, out);
    return out;
  }

  static VulnDbException corrupt(Path file, String why) {
    return new VulnDbException("vulnerability database " + file + " is corrupt: " + why, null);
  }

  /** Every advisory of an indexed file, decoded: what {@code db import} adds to. */
  static MemoryVulnDatabase readAll(Path file) throws VulnDbException {
    IndexedVulnDatabase db = open(file);
    List<Advisory> all = new ArrayList<>(db.size());
    for (int i = 0; i < db.size(); i++) all.add(db.advisory(i));
    return new MemoryVulnDatabase(db.info().built(), db.info().sources(), all);
  }

  static Advisory decode(Path file, byte[] blob) {
    try {
      return AdvisoryCodec.decode(blob);
    } catch (AdvisoryCodec.Corrupt e) {
      throw new java.io.UncheckedIOException(corrupt(file, "an unreadable advisory (" + e.getMessage() + ")"));
    }
  }
}
