package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config's limits: its size, its expansion through aliases, and globs that would backtrack. */
class LintConfigLimitsTest {

  @Test
  void scalarAliases_cannotExpandPastTheLimit() {
    // 640 KB: one 40 KB glob, used 100,000 times; loaded naively that is 4 GB of glob text to match.
    String yaml = "ignore: [&g \"" + "**/".repeat(13_000) + "x\"]\nexclude: [" + "*g, ".repeat(150_000) + "*g]\n";
    assertThat(yaml.length()).isBetween(600_000, 1_000_000);
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LintConfig.parse(yaml, "c.yaml")))
        .isInstanceOf(LintConfig.ConfigException.class).hasMessage("c.yaml: config file expands past 1 MB through YAML aliases");
  }

  @Test
  void collectionAliases_areCapped() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x]\n");
    for (int i = 1; i < 60; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> LintConfig.parse(yaml.toString(), "c.yaml")).isInstanceOf(LintConfig.ConfigException.class)
        .hasMessageStartingWith("c.yaml: invalid YAML");
  }

  @Test
  void aFewAliases_areFine() throws LintConfig.ConfigException {
    LintConfig c = LintConfig.parse("exclude: [&v \"vendor/**\"]\npaths: [{path: *v, ignore: [BW-D001]}]\n", "c.yaml");
    assertThat(c.excludesFile("vendor/a/Dockerfile")).isTrue();
  }

  @Test
  void backtrackingGlobs_matchInLinearTime() throws LintConfig.ConfigException {
    LintConfig c = LintConfig.parse("exclude: [\"**/**/**/**/**/**/**/**/*a*b*c*d*e*f*\"]\n", "c.yaml");
    String path = "a/".repeat(100);
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> c.excludesFile(path))).isFalse();
    assertThat(c.excludesFile("x/abcdef")).isTrue();
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LintConfig.globMatches("*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(200)))).isFalse();
  }

  @Test
  void keysThatAreNotStrings_areAConfigError() {
    // found by bench/fuzz.sh: a ClassCastException and a NullPointerException before
    assertThatThrownBy(() -> LintConfig.parse("5: {5}\n", "c.yaml")).isInstanceOf(LintConfig.ConfigException.class)
        .hasMessage("c.yaml: keys in the top level must be strings, not '5'");
    assertThatThrownBy(() -> LintConfig.parse("?\n", "c.yaml")).isInstanceOf(LintConfig.ConfigException.class)
        .hasMessage("c.yaml: keys in the top level must be strings, not an empty key");
    assertThatThrownBy(() -> LintConfig.parse("severity: {5: high}\n", "c.yaml")).isInstanceOf(LintConfig.ConfigException.class)
        .hasMessage("c.yaml: keys in 'severity' must be strings, not '5'");
    assertThatThrownBy(() -> LintConfig.parseHadolint("override:\n  5: [DL3008]\n", "h.yaml")).isInstanceOf(LintConfig.ConfigException.class)
        .hasMessage("h.yaml: keys in 'override' must be strings, not '5'");
  }
}
