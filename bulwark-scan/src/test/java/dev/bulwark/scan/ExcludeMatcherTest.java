package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.glob.Glob;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --exclude}'s .gitignore semantics on the linear-time engine. */
class ExcludeMatcherTest {

  @ParameterizedTest(name = "[{0}] {1} dir={2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      *.md                                    | docs/a.md        | false | true
      /vendor                                 | vendor           | true  | true
      /vendor                                 | x/vendor         | true  | false
      build/                                  | a/build          | false | false
      build/                                  | a/build          | true  | true
      a/**/z                                  | a/b/c/z          | false | true
      a/**/z                                  | a/z              | false | true
      [!x]y                                   | zy               | false | true
      [!x]y                                   | xy               | false | false
      \\*                                     | *                | false | true
      \\*                                     | a                | false | false
      **/**/**/**/**/**/**/**/*a*b*c*d*e*f*   | x/yabcdef        | false | true
      """)
  void gitignoreSemantics(String pattern, String path, boolean dir, boolean excluded) {
    assertThat(ExcludeMatcher.of(List.of(pattern)).excludes(path, dir)).isEqualTo(excluded);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"**/**/**/**/**/**/**/**/*a*b*c*d*e*f*", "*a*a*a*a*a*a*a*a*a*a*a*b"})
  void backtrackingPatterns_finish(String pattern) {
    ExcludeMatcher m = ExcludeMatcher.of(List.of(pattern, "!" + pattern));
    String path = "a/".repeat(99) + "a"; // 199 characters
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> m.excludes(path, false))).isFalse(); // a hang guard
  }

  @org.junit.jupiter.api.Test
  void uncompilablePattern_isNamed() {
    assertThatThrownBy(() -> ExcludeMatcher.of(List.of("[]"))).isInstanceOf(Glob.SyntaxException.class).hasMessageStartingWith("exclude pattern '[]': ");
  }
}
