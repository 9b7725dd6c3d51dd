package dev.bulwark.image.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a Berkeley DB hash database, read from its bytes: what rpm's {@code Packages}
 * file is up to RHEL/CentOS 8 and Amazon Linux 2. No Java library reads this format (Berkeley
 * DB Java Edition is a different one), so it is read here from the page layouts of libdb's
 * {@code db_page.h} and {@code hash.h}: a hash meta page, buckets mapped to pages through the
 * {@code spares} table, bucket pages chained by {@code next_pgno}, key/data item pairs, and
 * values too big for a page kept in chains of overflow pages.
 *
 * <p>Only pages reachable from a bucket are read, so freed pages holding stale records are not
 * mistaken for live ones. Every page number, offset and length is checked and chains are bounded
 * by the page count: a damaged or hostile file is a {@link FormatException}, never a loop or an
 * out-of-bounds read.
 */
public final class BerkeleyDbHash {
  private BerkeleyDbHash() {}

  /** The file is not a Berkeley DB hash database, or is damaged. */
  public static final class FormatException extends Exception {
    FormatException(String message) {
      super(message);
    }
  }

  private static final int HASH_MAGIC = 0x061561;
  private static final int PAGE_HEADER = 26;
  private static final int P_HASH_UNSORTED = 2;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASHMETA = 8;
  private static final int P_HASH = 13;
  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;
  private static final int SPARES_OFFSET = 96;
  private static final int SPARES = 32;
  /** All values together: items may share one overflow chain, so a small file could otherwise expand without bound. */
  static final long MAX_VALUE_BYTES = 256L << 20;

  /** Every data value of the database, in bucket order. */
  public static List<byte[]> values(byte[] file) throws FormatException {
    if (file.length < 512) {
      throw new FormatException("too short for a Berkeley DB file");
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(12) != HASH_MAGIC) {
      b.order(ByteOrder.BIG_ENDIAN); // written on a big-endian machine: every integer is swapped
      if (b.getInt(12) != HASH_MAGIC) {
        throw new FormatException("not a Berkeley DB hash database (magic number)");
      }
    }
    int pageSize = b.getInt(20);
    if (Integer.bitCount(pageSize) != 1 || pageSize < 512 || pageSize > 65536) {
      throw new FormatException("invalid page size " + pageSize);
    }
    if (b.get(24) != 0) {
      throw new FormatException("encrypted database");
    }
    if (b.get(25) != P_HASHMETA) {
      throw new FormatException("first page is not a hash meta page");
    }
    long pages = file.length / pageSize;
    long maxBucket = Integer.toUnsignedLong(b.getInt(72));
    if (maxBucket >= pages) {
      throw new FormatException("more buckets than pages");
    }
    List<byte[]> out = new ArrayList<>();
    long[] budget = {MAX_VALUE_BYTES};
    for (long bucket = 0; bucket <= maxBucket; bucket++) {
      long pgno = bucket + Integer.toUnsignedLong(b.getInt(SPARES_OFFSET + 4 * log2Ceil(bucket + 1)));
      for (long steps = 0; pgno != 0; steps++) {
        if (steps > pages) {
          throw new FormatException("bucket " + bucket + " chain loops");
        }
        int page = pageStart(pgno, pages, pageSize);
        int type = b.get(page + 25);
        if (type != P_HASH && type != P_HASH_UNSORTED) {
          throw new FormatException("page " + pgno + " of bucket " + bucket + " is not a hash page (type " + type + ")");
        }
        readPairs(b, page, pageSize, pages, out, budget);
        pgno = Integer.toUnsignedLong(b.getInt(page + 16));
      }
    }
    return out;
  }

  /** The items of a hash page alternate key, data; the data items are collected. */
  private static void readPairs(ByteBuffer b, int page, int pageSize, long pages, List<byte[]> out, long[] budget) throws FormatException {
    int entries = Short.toUnsignedInt(b.getShort(page + 20));
    if (PAGE_HEADER + 2L * entries > pageSize) {
      throw new FormatException("page index overflows the page");
    }
    for (int i = 1; i < entries; i += 2) {
      int offset = Short.toUnsignedInt(b.getShort(page + PAGE_HEADER + 2 * i));
      // items grow down from the page end: item i ends where item i-1 starts
      int end = Short.toUnsignedInt(b.getShort(page + PAGE_HEADER + 2 * (i - 1)));
      if (offset < PAGE_HEADER + 2 * entries || offset >= pageSize || end > pageSize || end <= offset) {
        throw new FormatException("item " + i + " lies outside its page");
      }
      int item = page + offset;
      switch (b.get(item)) {
        case H_KEYDATA -> {
          spend(budget, end - offset);
          out.add(java.util.Arrays.copyOfRange(b.array(), item + 1, page + end));
        }
        case H_OFFPAGE -> {
          if (end - offset < 12) {
            throw new FormatException("short off-page item");
          }
          long length = Integer.toUnsignedLong(b.getInt(item + 8));
          spend(budget, length);
          out.add(overflow(b, Integer.toUnsignedLong(b.getInt(item + 4)), length, pages, pageSize));
        }
        default -> { } // duplicates sets are not used by rpm's Packages database
      }
    }
  }

  private static void spend(long[] budget, long bytes) throws FormatException {
    budget[0] -= bytes;
    if (budget[0] < 0) {
      throw new FormatException("values add up to more than " + (MAX_VALUE_BYTES >> 20) + " MiB (overflow chains shared by many items?)");
    }
  }

  /** A value kept in a chain of overflow pages; each page says how many of its bytes are data. */
  private static byte[] overflow(ByteBuffer b, long pgno, long totalLength, long pages, int pageSize) throws FormatException {
    if (totalLength > pages * pageSize) {
      throw new FormatException("overflow value longer than the file");
    }
    ByteArrayOutputStream value = new ByteArrayOutputStream((int) totalLength);
    for (long steps = 0; pgno != 0; steps++) {
      if (steps > pages) {
        throw new FormatException("overflow chain loops");
      }
      int page = pageStart(pgno, pages, pageSize);
      if (b.get(page + 25) != P_OVERFLOW) {
        throw new FormatException("page " + pgno + " is not an overflow page");
      }
      int length = Short.toUnsignedInt(b.getShort(page + 22));
      if (PAGE_HEADER + length > pageSize || value.size() + length > totalLength) {
        throw new FormatException("overflow page " + pgno + " claims more data than it holds");
      }
      value.write(b.array(), page + PAGE_HEADER, length);
      pgno = Integer.toUnsignedLong(b.getInt(page + 16));
    }
    if (value.size() != totalLength) {
      throw new FormatException("overflow value is " + value.size() + " bytes, expected " + totalLength);
    }
    return value.toByteArray();
  }

  private static int pageStart(long pgno, long pages, int pageSize) throws FormatException {
    if (pgno <= 0 || pgno >= pages) {
      throw new FormatException("page number " + pgno + " outside the file (" + pages + " pages)");
    }
    return (int) (pgno * pageSize);
  }

  /** libdb's {@code __db_log2}: the smallest i with 2^i >= n, the spares slot of bucket n-1. */
  static int log2Ceil(long n) {
    int i = 0;
    for (long limit = 1; limit < n; limit <<= 1) {
      i++;
    }
    if (i >= SPARES) {
      throw new IllegalArgumentException("bucket number beyond the spares table");
    }
    return i;
  }
}
