package dev.bulwark.image.fs;

import dev.bulwark.image.io.ObservingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A digest computed on its own thread from copies of the bytes a stream reads. A layer is hashed
 * twice (blob digest and diff_id) while it is inflated and walked; on the reading thread the two
 * hashes cost as much as the walk itself, and in a short-lived JVM SHA-256 runs slowly until the
 * optimizing compiler has compiled its intrinsic. Handing 256 KiB copies to another core keeps
 * that off the critical path; the queue is bounded, so memory stays at a few MiB.
 */
final class BackgroundDigest implements AutoCloseable {
  private static final int CHUNK = 256 << 10;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(8);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(10);
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final Thread worker;
  private byte[] current = new byte[CHUNK];
  private int fill;
  private boolean finished;

  BackgroundDigest(MessageDigest digest, String name) {
    worker = Thread.ofPlatform().daemon().name(name).start(() -> {
      try {
        for (byte[] chunk = full.take(); chunk != END; chunk = full.take()) {
          digest.update(chunk);
          if (chunk.length == CHUNK) {
            free.offer(chunk); // recycled: no garbage per chunk
          }
        }
        result.complete(digest.digest());
      } catch (InterruptedException e) {
        result.completeExceptionally(e); // abandoned: the layer failed before its end
      }
    });
  }

  /** Wraps {@code in} so that every byte read from it is digested here. */
  InputStream wrap(InputStream in) {
    return new ObservingInputStream(in) {
      @Override
      protected void observe(byte[] b, int off, int len) throws InterruptedIOException {
        update(b, off, len);
      }
    };
  }

  void update(byte[] b, int off, int len) throws InterruptedIOException {
    while (len > 0) {
      int n = Math.min(len, CHUNK - fill);
      System.arraycopy(b, off, current, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == CHUNK) {
        put(current);
        byte[] recycled = free.poll();
        current = recycled != null ? recycled : new byte[CHUNK];
        fill = 0;
      }
    }
  }

  /** The digest of everything read; waits for the worker to catch up. */
  byte[] finish() throws IOException {
    if (fill > 0) {
      put(java.util.Arrays.copyOf(current, fill));
      fill = 0;
    }
    put(END);
    finished = true;
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      throw new IOException("hashing failed", e.getCause());
    }
  }

  private void put(byte[] chunk) throws InterruptedIOException {
    try {
      full.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    }
  }

  /** Stops the worker when the stream was not read to its end (an error): nothing waits on it. */
  @Override
  public void close() {
    if (!finished) {
      worker.interrupt();
    }
  }
}
