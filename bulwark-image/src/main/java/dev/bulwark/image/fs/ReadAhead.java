package dev.bulwark.image.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A stream read on its own thread, a few chunks ahead of its consumer: the layer is inflated
 * (and its digests fed) there while the tar walk runs here, so the two use both cores instead of
 * taking turns. The queue is bounded (a few MiB); an error on the reading side, including a
 * limit crossed, is rethrown to the consumer as the same exception; closing early stops the reader.
 */
final class ReadAhead extends InputStream {
  private static final int CHUNK = 256 << 10;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
  /** Consumed full-size chunks go back to the reader: no garbage per chunk. */
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(10);
  private final Thread reader;
  private volatile IOException failure;
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /** Reads {@code source} to its end, then runs {@code atEnd} (also on the reading thread). */
  ReadAhead(InputStream source, IoAction atEnd, String name) {
    reader = Thread.ofPlatform().daemon().name(name).start(() -> {
      try {
        while (true) {
          byte[] recycled = free.poll();
          byte[] buf = recycled != null ? recycled : new byte[CHUNK];
          int n = source.readNBytes(buf, 0, CHUNK);
          if (n > 0) {
            chunks.put(n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n));
          }
          if (n < CHUNK) {
            break;
          }
        }
        atEnd.run();
      } catch (IOException e) {
        failure = e;
      } catch (UncheckedIOException e) {
        failure = e.getCause();
      } catch (InterruptedException e) {
        return; // the consumer closed early: nobody is waiting
      } catch (RuntimeException e) {
        failure = new IOException(e.toString(), e);
      }
      try {
        chunks.put(END);
      } catch (InterruptedException ignored) {
        // closed early
      }
    });
  }

  /** An I/O step run on the reading thread. */
  interface IoAction {
    void run() throws IOException;
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    if (pos < current.length) {
      return true;
    }
    if (current.length == CHUNK) {
      free.offer(current);
    }
    try {
      current = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading a layer");
    }
    pos = 0;
    if (current == END) {
      ended = true;
      if (failure != null) {
        throw failure;
      }
      return false;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() {
    if (!ended) {
      reader.interrupt();
    }
  }
}
