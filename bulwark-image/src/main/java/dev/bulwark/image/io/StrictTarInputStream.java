package dev.bulwark.image.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar stream read as Go's archive/tar (Docker's and containerd's reader) reads it, where the
 * library is lenient: a header cut mid-block is truncation, not the end of the archive (commons-compress
 * takes it for the end and silently returns fewer files); one end-of-archive block followed by
 * another header is an invalid archive, not its end; a PAX or GNU long-name header larger than
 * 1 MiB is refused before the library reads it into memory (Go's limit, {@code maxSpecialFileSize}).
 */
public final class StrictTarInputStream extends TarArchiveInputStream {
  private static final int RECORD = 512;
  /** Go's archive/tar refuses PAX and GNU long-name/long-link headers past this size. */
  static final long MAX_SPECIAL_BYTES = 1 << 20;

  private final Counted counted;
  private boolean previousWasZero;

  public StrictTarInputStream(InputStream in) {
    this(new Counted(in));
  }

  private StrictTarInputStream(Counted counted) {
    super(counted);
    this.counted = counted;
  }

  @Override
  protected byte[] readRecord() throws IOException {
    byte[] record = super.readRecord();
    if (record == null) {
      if (counted.count % RECORD != 0) {
        throw new IOException("the archive ends inside a tar header (truncated after " + counted.count + " bytes)");
      }
      return null;
    }
    boolean zero = isZero(record);
    if (previousWasZero && !zero) {
      throw new IOException("an end-of-archive block is followed by another header at byte " + (counted.count - RECORD)
          + " (not a valid tar archive)");
    }
    previousWasZero = zero;
    if (!zero) {
      checkSpecial(record);
    }
    return record;
  }

  /** PAX ('x', 'g') and GNU long-name ('L', 'K') headers are read whole by the library: their size is checked first. */
  private void checkSpecial(byte[] record) throws IOException {
    byte type = record[156];
    if (type != TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC && type != TarArchiveEntry.LF_PAX_GLOBAL_EXTENDED_HEADER
        && type != TarArchiveEntry.LF_GNUTYPE_LONGNAME && type != TarArchiveEntry.LF_GNUTYPE_LONGLINK) {
      return;
    }
    long size = size(record);
    if (size < 0 || size > MAX_SPECIAL_BYTES) {
      throw new IOException("a tar metadata header (type '" + (char) type + "') of " + size + " bytes, past the 1 MiB limit");
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

  private static boolean isZero(byte[] record) {
    for (byte b : record) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Counts the bytes the tar reader took, skips included. */
  private static final class Counted extends FilterInputStream {
    long count;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += Math.max(0, s);
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
