package dev.bulwark.fuzz;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every fuzz target asserts about one input: it is done within {@link #TIME_SECONDS}, it
 * allocates at most {@link #ALLOCATION_BYTES} (on its own thread; the whole JVM has -Xmx512m, see
 * the pom), and nothing escapes but the exceptions the entry point documents for bad input. Anything
 * else (a RuntimeException, a StackOverflowError, an OutOfMemoryError) is a finding.
 */
final class Bounds {
  /** Far above what a 4 KiB input needs (milliseconds): only a hang or a blow-up reaches it, on a loaded machine too. */
  static final int TIME_SECONDS = 10;
  /** 128 MiB allocated for a few KiB of input is an amplification worth a look, even when it is freed. */
  static final long ALLOCATION_BYTES = 128L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  /** One worker, replaced when an input overran (its thread may never come back). */
  private static ExecutorService worker = newWorker();

  private Bounds() {}

  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body} once, unbounded, before a class's first input: class initialization (rule
   * tables, the EOL catalog, Jackson, SQLite's native library) and first instrumentation are paid
   * once per JVM and must not count against an input's bounds. On the calling thread: it is called
   * from a test class's static initializer, which another thread could not enter.
   */
  static void warmUp(Body body) {
    try {
      body.run();
    } catch (Exception e) {
      // the warm-up input's own outcome does not matter; the seeds are checked
    }
  }

  @SafeVarargs
  static void check(Body body, Class<? extends Throwable>... documented) {
    long allocated = measure(body, documented);
    if (allocated > ALLOCATION_BYTES) {
      // The first input that reaches new code pays for loading and instrumenting its classes on this
      // thread (seen: 135 MiB under Jazzer for an input whose steady cost is 166 KiB). A real
      // amplification costs the same every time, so only a second run over the bound is a finding.
      allocated = measure(body, documented);
    }
    if (allocated > ALLOCATION_BYTES) {
      throw new AssertionError("one input allocated " + (allocated >> 20) + " MiB (bound " + (ALLOCATION_BYTES >> 20) + " MiB)");
    }
  }

  @SafeVarargs
  private static long measure(Body body, Class<? extends Throwable>... documented) {
    Future<Long> f = worker.submit(() -> {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      try {
        body.run();
      } catch (Throwable t) {
        if (!isDocumented(t, documented)) {
          throw t;
        }
      }
      return THREADS.getCurrentThreadAllocatedBytes() - before;
    });
    long allocated;
    try {
      allocated = f.get(TIME_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionError("one input took more than " + TIME_SECONDS + " s");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return allocated;
  }

  private static boolean isDocumented(Throwable t, Class<? extends Throwable>[] documented) {
    for (Class<? extends Throwable> c : documented) {
      if (c.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The input's own failure as it was thrown, so Jazzer dedups findings by their real stack. */
  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new AssertionError("undocumented checked exception", t);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-input");
      t.setDaemon(true);
      return t;
    });
  }
}
