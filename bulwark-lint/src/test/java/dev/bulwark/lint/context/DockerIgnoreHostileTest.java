package dev.bulwark.lint.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DockerIgnore} on patterns that would make a backtracking matcher hang, and on odd bytes. */
class DockerIgnoreHostileTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  @Test
  void nestedDoubleStars_matchWithoutBacktracking() {
    DockerIgnore d = DockerIgnore.parse("**/**/**/**/**/*a*b*c*d*\n**/**/**/**/**/**/**/**/*a*b*c*d*e*f*\n");
    String path = "a/".repeat(99) + "a"; // 199 characters, many directory prefixes to try
    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> d.excludes(path))).isFalse();
    assertThat(d.excludes("x/y/abcd")).isTrue();
    assertThat(d.excludes("x/abcdef.txt")).isTrue();
  }

  @Test
  void starsInOneSegment_matchWithoutBacktracking() {
    DockerIgnore d = DockerIgnore.parse("*a*a*a*a*a*a*a*a*a*a*a*a*b\n");
    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> d.excludes("a".repeat(200)))).isFalse();
    assertThat(d.excludes("a".repeat(12) + "b")).isTrue();
  }

  @Test
  void goRegexpSyntax_carriesOver() {
    assertThat(DockerIgnore.parse("[!a]*\n").excludes("!x")).isTrue(); // Go: '!' is no negation, only '^' is
    assertThat(DockerIgnore.parse("[!a]*\n").excludes("bx")).isFalse();
    assertThat(DockerIgnore.parse("a\\*b\n").excludes("a*b")).isTrue();
    assertThat(DockerIgnore.parse("a\\*b\n").excludes("axb")).isFalse();
    assertThat(DockerIgnore.parse("[a-\n").problems()).singleElement().asString().contains("bad pattern");
  }

  @Test
  void replacementCharacters_fromInvalidUtf8_areJustCharacters() {
    DockerIgnore d = DockerIgnore.parse("caf\uFFFD\n*.log\n");
    assertThat(d.problems()).isEmpty();
    assertThat(d.excludes("caf\uFFFD")).isTrue();
    assertThat(d.excludes("a.log")).isTrue();
  }
}
