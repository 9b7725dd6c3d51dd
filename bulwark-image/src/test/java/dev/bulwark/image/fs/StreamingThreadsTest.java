package dev.bulwark.image.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reader and digest threads behind layer streaming: same bytes, same digests, errors passed on, no threads left behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingThreadsTest {
  private static final int CHUNK = 256 << 10;

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  static void awaitGone(String name) throws InterruptedException {
    for (int i = 0; i < 500 && threadAlive(name); i++) {
      Thread.sleep(10);
    }
    assertThat(threadAlive(name)).as("thread %s still running", name).isFalse();
  }

  @Test
  void backgroundDigest_equalsTheDigestOfTheSameBytes_atChunkBoundaries() throws Exception {
    for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5, 40 * CHUNK + 17}) {
      byte[] data = random(size, size);
      BackgroundDigest bg = new BackgroundDigest(MessageDigest.getInstance("SHA-256"), "digest-" + size);
      try (bg; InputStream in = bg.wrap(new ByteArrayInputStream(data))) {
        // odd read sizes, and single bytes, as the tar reader mixes them
        Random r = new Random(7);
        byte[] buf = new byte[70_000];
        while (true) {
          int n = r.nextInt(10) == 0 ? (in.read() < 0 ? -1 : 1) : in.read(buf, 0, 1 + r.nextInt(buf.length));
          if (n < 0) {
            break;
          }
        }
        assertThat(bg.finish()).as("size %d", size).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
      }
      awaitGone("digest-" + size);
    }
  }

  @Test
  void skippedBytes_areDigestedToo() throws Exception {
    byte[] data = random(3 * CHUNK + 11, 9);
    try (BackgroundDigest bg = new BackgroundDigest(MessageDigest.getInstance("SHA-256"), "skip-digest");
        InputStream in = bg.wrap(new ByteArrayInputStream(data))) {
      assertThat(in.skip(CHUNK + 5)).isEqualTo(CHUNK + 5);
      in.readAllBytes();
      assertThat(bg.finish()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  @Test
  void backgroundDigest_closedBeforeTheEnd_stopsItsThread() throws Exception {
    BackgroundDigest bg = new BackgroundDigest(MessageDigest.getInstance("SHA-256"), "abandoned-digest");
    bg.update(random(5 * CHUNK, 1), 0, 5 * CHUNK);
    bg.close();
    awaitGone("abandoned-digest");
  }

  @Test
  void readAhead_deliversTheSameBytes_thenRunsItsEndAction() throws Exception {
    byte[] data = random(17 * CHUNK + 333, 3);
    AtomicBoolean ended = new AtomicBoolean();
    try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), () -> ended.set(true), "reader-ok")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(ended).isTrue();
    awaitGone("reader-ok");
  }

  @Test
  void readAhead_passesTheReadersExceptionOn_asTheSameType() throws Exception {
    InputStream failing = new InputStream() {
      int left = 3 * CHUNK;

      @Override
      public int read() throws IOException {
        if (left-- == 0) {
          throw new LayerReader.LimitException("expands beyond the limit");
        }
        return 1;
      }
    };
    try (ReadAhead in = new ReadAhead(failing, () -> { }, "reader-failing")) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(LayerReader.LimitException.class).hasMessageContaining("beyond the limit");
    }
    awaitGone("reader-failing");
  }

  @Test
  void readAhead_closedEarly_stopsTheReaderThatIsWaitingOnAFullQueue() throws Exception {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 0);
        return len;
      }
    };
    ReadAhead in = new ReadAhead(endless, () -> { }, "reader-endless");
    assertThat(in.read(new byte[10])).isEqualTo(10);
    Thread.sleep(50); // let it fill its queue and block
    in.close();
    awaitGone("reader-endless");
  }
}
