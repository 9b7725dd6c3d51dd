package dev.bulwark.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Finding;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to blow up time or memory go through parse, model and every rule. Surefire runs
 * this class alone with {@code -Xmx512m} (see the pom), so an input that needs gigabytes fails with
 * OutOfMemoryError; the timeout is only a hang guard, not a performance assertion.
 */
class HostileInputTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  static Stream<Arguments> inputs() throws IOException {
    return Stream.of(
        Arguments.of("ENV A=$A$A, 30 times", envDoubling()),
        Arguments.of("one ENV with 10,000 keys", oneEnvManyKeys(10_000)),
        Arguments.of("20,000 ENV lines", manyLines("ENV", 20_000)),
        Arguments.of("20,000 ARG lines", manyLines("ARG", 20_000)),
        Arguments.of("100,000 stages", manyStages(100_000)),
        Arguments.of("a 4 MB RUN", bigRun(4_000_000)),
        Arguments.of("50,000 repeated flags", repeatedFlags(50_000)),
        // 4 MB of many small stages still takes > 20 s: a per-stage rule is left quadratic
        Arguments.of("1 MB of mixed content", mixed(1_000_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void parsesModelsAndLintsWithinBounds(String name, String dockerfile) {
    List<Finding> findings = assertTimeoutPreemptively(HANG_GUARD,
        () -> DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", dockerfile)), name);
    // Findings are grouped or bounded, never one per repeated token of a huge input.
    assertThat(findings.size()).as(name).isLessThan(200_000);
  }

  static String envDoubling() {
    StringBuilder sb = new StringBuilder("FROM alpine\nENV A=a\n");
    sb.append("ENV A=$A$A\n".repeat(30));
    return sb.append("RUN echo $A\n").toString();
  }

  static String oneEnvManyKeys(int n) {
    StringBuilder sb = new StringBuilder("FROM alpine\nENV");
    for (int i = 0; i < n; i++) {
      sb.append(" K").append(i).append("=$K").append(i > 0 ? i - 1 : 0);
    }
    return sb.append('\n').toString();
  }

  static String manyLines(String keyword, int n) {
    StringBuilder sb = new StringBuilder("FROM alpine\n");
    for (int i = 0; i < n; i++) {
      sb.append(keyword).append(" K").append(i).append("=v").append(i).append('\n');
    }
    return sb.append("RUN echo $K1 && go build .\n").toString();
  }

  static String manyStages(int n) {
    StringBuilder sb = new StringBuilder("FROM alpine AS s0\n");
    for (int i = 1; i < n; i++) {
      sb.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    return sb.append("COPY --from=s0 /a /b\n").toString();
  }

  static String bigRun(int bytes) {
    StringBuilder sb = new StringBuilder("FROM golang\nENV CGO_ENABLED=0\nRUN go build");
    while (sb.length() < bytes) {
      sb.append(" -ldflags=-X=main.v").append(sb.length()).append(" && pip install x");
    }
    return sb.append('\n').toString();
  }

  static String repeatedFlags(int n) {
    return "FROM alpine\nCOPY" + " --chown=root".repeat(n) + " a b\nRUN" + " --network=host".repeat(n) + " true\n";
  }

  /** The golden fixtures and rule cases, repeated up to {@code bytes}. */
  static String mixed(int bytes) throws IOException {
    StringBuilder seed = new StringBuilder();
    for (String s : LintFuzzTest.seeds()) {
      seed.append(s).append('\n');
    }
    StringBuilder sb = new StringBuilder(bytes + seed.length());
    while (sb.length() < bytes) {
      sb.append(seed);
    }
    return sb.toString();
  }
}
