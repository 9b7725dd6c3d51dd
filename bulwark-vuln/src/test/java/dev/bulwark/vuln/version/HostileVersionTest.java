package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile versions: megabyte strings, 100k segments and 1,000-digit numbers. Every scheme answers (the timeout only
 * catches a hang, it measures nothing) and throws nothing but {@link InvalidVersionException}; long digit runs compare
 * as numbers.
 */
class HostileVersionTest {
  private static final int MB = 1 << 20;

  static Stream<String> schemes() {
    return VersionSchemes.all().stream().map(VersionScheme::name);
  }

  private static final int K100 = 100_000;

  private static List<String> hostile() {
    return List.of(
        "1" + ".1".repeat(MB / 2),               // a megabyte of dotted numbers
        "a".repeat(MB),                          // a megabyte of letters
        "9".repeat(MB),                          // a megabyte-long number
        " ".repeat(MB) + "1",
        "1" + "-1".repeat(K100),                 // 100k hyphen segments
        "1" + ".a1".repeat(K100),                // 100k letter/digit switches
        "1" + "a1".repeat(K100),                 // ... without separators
        "0".repeat(K100) + "1",
        "~".repeat(K100),
        "^".repeat(K100),
        "1.0" + "_p1".repeat(K100),
        "v1.2.3-" + "a.".repeat(K100) + "a",
        "1.2.3+" + "b.".repeat(K100) + "b",
        "1:".repeat(K100),
        "1" + "-".repeat(K100),
        ">=1.0.0 ".repeat(K100 / 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void hostileStringsAnswerAndThrowOnlyTheDocumentedException(String name) {
    VersionScheme s = VersionSchemes.byName(name).orElseThrow();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (String a : hostile()) {
        s.isValid(a);
        for (String b : List.of(a + "1", "1.0")) {
          try {
            s.compare(a, b);
          } catch (InvalidVersionException expected) {
            // documented
          }
        }
      }
    });
  }

  @Test
  void npmRangesAreBoundedToo() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (String r : hostile()) {
        assertThat(NpmSemver.STRICT.satisfies("1.0.0", r)).isFalse();
        assertThat(NpmSemver.LOOSE.satisfies("1.0.0", r, true)).isFalse();
      }
      String near = ">=1.0.0 ".repeat(NpmRange.MAX_LENGTH / 8 - 1);
      assertThat(NpmSemver.STRICT.satisfies("1.0.0", near)).isTrue();
    });
  }

  @Test
  void thousandDigitNumbersCompareNumerically() {
    String big = "1" + "0".repeat(1000);  // 10^1000
    String less = "9".repeat(1000);       // 10^1000 - 1
    String padded = "0".repeat(500) + big;
    for (VersionScheme s : List.of(VersionSchemes.DPKG, VersionSchemes.APK, VersionSchemes.RPM, VersionSchemes.PEP440,
        VersionSchemes.MAVEN, VersionSchemes.RUBYGEMS)) {
      assertThat(s.compare(big, less)).as(s.name()).isPositive();
      assertThat(s.compare(less, big)).as(s.name()).isNegative();
      assertThat(s.compare("1." + big, "1." + less)).as(s.name()).isPositive();
    }
    for (VersionScheme s : List.of(VersionSchemes.DPKG, VersionSchemes.RPM, VersionSchemes.PEP440, VersionSchemes.RUBYGEMS)) {
      assertThat(s.compare(padded, big)).as(s.name()).isZero();
    }
    assertThat(VersionSchemes.GO.compare("v" + big, "v" + less)).isPositive();
    assertThat(VersionSchemes.GO.compare("v1.0.0-" + big, "v1.0.0-" + less)).isPositive();
    assertThat(VersionSchemes.SEMVER.compare("1.0.0-" + big, "1.0.0-" + less)).isPositive();
    // NuGet reads a label as a number only when it fits 32 bits; longer digit runs compare as strings, as NuGet does
    assertThat(VersionSchemes.NUGET.compare("1.0.0-a." + big, "1.0.0-a." + less)).isNegative();
    // the schemes whose numbers are bounded reject longer ones, as their tools do
    assertThatThrownBy(() -> VersionSchemes.NPM.compare(big + ".0.0", "1.0.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> VersionSchemes.SEMVER.compare(big + ".0.0", "1.0.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> VersionSchemes.NUGET.compare(big, "1.0")).isInstanceOf(InvalidVersionException.class);
  }
}
