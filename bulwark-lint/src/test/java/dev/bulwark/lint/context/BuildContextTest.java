package dev.bulwark.lint.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuildContextTest {

  /** Counts its computations. */
  private static final class Counting extends BuildContext.Derived<Integer> {
    int computed;

    @Override
    protected Integer compute(BuildContext context) {
      computed++;
      return context.sent().size();
    }
  }

  @Test
  void aDerivedValueIsComputedOncePerContext_andSentIsFilteredOnce() {
    BuildContext context = new BuildContext(".dockerignore", DockerIgnore.parse("*.md\n"), List.of("a.md", "src/", "src/x.go", "b.md"), false);
    Counting counting = new Counting();

    assertThat(context.get(counting)).isEqualTo(2);
    assertThat(context.get(counting)).isEqualTo(2);
    assertThat(counting.computed).isEqualTo(1);
    assertThat(context.sent()).containsExactly("src/", "src/x.go").isSameAs(context.sent());
  }

  @Test
  void threadsAskingAtOnceShareOneComputation() throws Exception {
    BuildContext context = new BuildContext(null, null, List.of("a", "b"), false);
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch bothAsked = new CountDownLatch(2);
    BuildContext.Derived<Integer> slow = new BuildContext.Derived<>() {
      @Override
      protected Integer compute(BuildContext c) {
        computed.incrementAndGet();
        try {
          Thread.sleep(200); // long enough for the other thread to ask while this one computes
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return c.entries().size();
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        answers.add(pool.submit(() -> {
          bothAsked.countDown();
          bothAsked.await();
          return context.get(slow);
        }));
      }
      for (Future<Integer> a : answers) {
        assertThat(a.get()).isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(computed.get()).isEqualTo(1);
  }

  @Test
  void aComputationThatFailsThrowsItsOwnException() {
    BuildContext context = new BuildContext(null, null, List.of(), false);
    BuildContext.Derived<Integer> broken = new BuildContext.Derived<>() {
      @Override
      protected Integer compute(BuildContext c) {
        throw new IllegalArgumentException("bad entry");
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.get(broken)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad entry");
  }
}
