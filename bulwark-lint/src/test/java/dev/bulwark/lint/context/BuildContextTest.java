package dev.bulwark.lint.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
