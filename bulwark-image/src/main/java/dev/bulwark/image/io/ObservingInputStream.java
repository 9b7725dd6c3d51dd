package dev.bulwark.image.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows every byte read through it to {@link #observe}: how digests, counters and
 * scanners ride along the single pass over a layer instead of reading it again.
 */
public abstract class ObservingInputStream extends FilterInputStream {
  private final byte[] single = new byte[1];

  protected ObservingInputStream(InputStream in) {
    super(in);
  }

  /** Called with each run of bytes just read, in order; the array is the reader's and must not be kept. */
  protected abstract void observe(byte[] b, int off, int len) throws IOException;

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      single[0] = (byte) b;
      observe(single, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      observe(b, off, n);
    }
    return n;
  }

  /** Reads rather than skips, so the observer sees every byte (a skipped byte would escape a digest). */
  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.max(0, Math.min(n, 64 << 10))];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }
}
