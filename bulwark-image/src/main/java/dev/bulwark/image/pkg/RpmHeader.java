package dev.bulwark.image.pkg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One installed package's header as the RPM database stores it (a header "blob": the index
 * and data store, without lead or signature). Layout, from rpm's {@code lib/header.c}: two
 * big-endian int32 counts ({@code il} index entries, {@code dl} data bytes), {@code il} entries
 * of tag/type/offset/count, then the data. Only the tags a package list needs are read; every
 * offset is checked, so a damaged or hostile blob yields empty, never an exception.
 */
public final class RpmHeader {
  private RpmHeader() {}

  /** An installed RPM: {@code epoch} is null when the package has none (rpm prints "(none)"). */
  public record Package(
      String name, Integer epoch, String version, String release, String arch, String sourceRpm, String license, String vendor,
      String modularityLabel) {

    /** epoch:version-release as {@code rpm -q --qf '%{EVR}'} prints it; what vulnerability data compares. */
    public String evr() {
      return (epoch == null ? "" : epoch + ":") + version + "-" + release;
    }
  }

  // rpm's tag numbers (lib/rpmtag.h)
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int VENDOR = 1011;
  static final int LICENSE = 1014;
  static final int ARCH = 1022;
  static final int SOURCERPM = 1044;
  static final int MODULARITYLABEL = 5096;

  // rpm's data types (rpmTagType)
  private static final int INT32 = 4;
  private static final int STRING = 6;
  private static final int STRING_ARRAY = 8;
  private static final int I18NSTRING = 9;

  /** rpm's own sanity bounds for a header (hdrblobVerifyInfo): 64k entries, 256 MiB of data. */
  private static final int MAX_ENTRIES = 0xffff;
  private static final int MAX_DATA = 256 << 20;

  /** The package in {@code blob}, or empty when it is not a well-formed header with a name and version. */
  public static Optional<Package> parse(byte[] blob) {
    if (blob.length < 8) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(blob); // big-endian, as rpm stores headers on every platform
    int il = b.getInt(0);
    int dl = b.getInt(4);
    long dataStart = 8L + 16L * il;
    if (il <= 0 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA || dataStart + dl > blob.length) {
      return Optional.empty();
    }
    Reader r = new Reader(b, 8, il, (int) dataStart, dl);
    String name = r.string(NAME);
    String version = r.string(VERSION);
    if (name == null || version == null) {
      return Optional.empty();
    }
    String release = r.string(RELEASE);
    return Optional.of(new Package(name, r.int32(EPOCH), version, release == null ? "" : release, r.string(ARCH), r.string(SOURCERPM),
        r.string(LICENSE), r.string(VENDOR), r.string(MODULARITYLABEL)));
  }

  /** Finds tags in the index and reads their values from the data store, bounds-checked. */
  private record Reader(ByteBuffer b, int indexStart, int entries, int dataStart, int dataLength) {

    /** Index entry position of {@code tag}, or -1; the first occurrence wins. */
    private int find(int tag) {
      for (int i = 0; i < entries; i++) {
        if (b.getInt(indexStart + 16 * i) == tag) {
          return indexStart + 16 * i;
        }
      }
      return -1;
    }

    String string(int tag) {
      int e = find(tag);
      if (e < 0) {
        return null;
      }
      int type = b.getInt(e + 4);
      int offset = b.getInt(e + 8);
      if ((type != STRING && type != STRING_ARRAY && type != I18NSTRING) || offset < 0 || offset >= dataLength) {
        return null;
      }
      // for arrays and translated strings the first element is the value (the "C" locale)
      int start = dataStart + offset;
      int end = start;
      int limit = dataStart + dataLength;
      while (end < limit && b.get(end) != 0) {
        end++;
      }
      if (end == limit) {
        return null; // not NUL-terminated inside the data store
      }
      return new String(b.array(), start, end - start, StandardCharsets.UTF_8);
    }

    Integer int32(int tag) {
      int e = find(tag);
      if (e < 0 || b.getInt(e + 4) != INT32) {
        return null;
      }
      int offset = b.getInt(e + 8);
      if (offset < 0 || offset > dataLength - 4 || b.getInt(e + 12) < 1) {
        return null;
      }
      return b.getInt(dataStart + offset);
    }
  }

  /**
   * Name, version and release of a source package file name ({@code bash-5.1.8-6.el9.src.rpm});
   * empty when it does not have that shape. The epoch is never in the file name.
   */
  public static Optional<String[]> splitSourceRpm(String fileName) {
    if (fileName == null || fileName.isEmpty() || fileName.equals("(none)")) {
      return Optional.empty();
    }
    String s = fileName.endsWith(".rpm") ? fileName.substring(0, fileName.length() - 4) : fileName;
    int arch = s.lastIndexOf('.');
    int rel = arch < 0 ? -1 : s.lastIndexOf('-', arch - 1);
    int ver = rel < 0 ? -1 : s.lastIndexOf('-', rel - 1);
    if (ver <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {s.substring(0, ver), s.substring(ver + 1, rel), s.substring(rel + 1, arch)});
  }
}
