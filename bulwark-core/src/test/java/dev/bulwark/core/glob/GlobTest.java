package dev.bulwark.core.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests for {@link Glob}: the one engine every glob dialect matches with. */
class GlobTest {
  private static final String NESTED = "(.*/)?".repeat(8) + "[^/]*a[^/]*b[^/]*c[^/]*d[^/]*e[^/]*f[^/]*";

  @Test
  void matchesTheWholePath() {
    Glob g = Glob.ofRegex("^docs/" + Glob.IN_SEGMENT + Glob.literal('.') + "md$");
    assertThat(g.matches("docs/a.md")).isTrue();
    assertThat(g.matches("docs/a/b.md")).isFalse();
    assertThat(g.matches("docs/axmd")).isFalse();
  }

  @Test
  void nestedStarsAgainstALongPath_doNotBacktrack() {
    Glob g = Glob.ofRegex("^" + NESTED + "$");
    String path = "a/".repeat(100); // 200 characters, never ending in a segment with a..f
    // The hang guard: java.util.regex takes hours on this; the automaton's work is its size times the path.
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> g.matches(path))).isFalse();
    assertThat(java.util.regex.Pattern.compile("^" + NESTED + "$").matcher("a/".repeat(3)).matches()).isFalse();
  }

  @Test
  void automatonGrowsLinearlyWithThePattern() {
    // Structural proof that matching stays linear: the program is proportional to the pattern, and RE2 visits each
    // (instruction, position) pair at most once.
    int small = Glob.ofRegex("(.*/)?".repeat(8) + "x").programSize();
    int large = Glob.ofRegex("(.*/)?".repeat(80) + "x").programSize();
    assertThat(large).isLessThanOrEqualTo(11 * small);
  }

  @Test
  void badSyntax_isOneClearError() {
    assertThatThrownBy(() -> Glob.ofRegex("[a-")).isInstanceOf(Glob.SyntaxException.class).hasMessageContaining("missing closing ]");
  }
}
