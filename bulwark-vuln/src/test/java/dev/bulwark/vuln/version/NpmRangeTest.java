package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Own node-semver range cases, from the rules npm documents for ^, ~, x-ranges, hyphens, || and pre-releases. */
class NpmRangeTest {

  @ParameterizedTest(name = "{0} in ''{1}'' = {2}")
  @CsvSource(delimiter = ';', textBlock = """
      1.9.9         ; ^1.2.3 ; true
      2.0.0         ; ^1.2.3 ; false
      1.2.2         ; ^1.2.3 ; false
      0.2.9         ; ^0.2.3 ; true
      0.3.0         ; ^0.2.3 ; false
      0.0.3         ; ^0.0.3 ; true
      0.0.4         ; ^0.0.3 ; false
      1.2.9         ; ~1.2.3 ; true
      1.3.0         ; ~1.2.3 ; false
      1.2.0         ; 1.2.x ; true
      1.3.0         ; 1.2.x ; false
      2.3.9         ; 1.2.3 - 2.3 ; true
      2.4.0         ; 1.2.3 - 2.3 ; false
      2.5.0         ; >=1.0.0 <2.0.0 || >=3.0.0 ; false
      3.1.0         ; >=1.0.0 <2.0.0 || >=3.0.0 ; true
      1.2.3-beta.1  ; <1.2.3-beta.2 ; true
      1.2.2         ; <1.2.3-beta.2 ; true
      1.2.3-alpha.7 ; >1.2.3-alpha.3 ; true
      3.4.5-alpha.9 ; >1.2.3-alpha.3 ; false
      3.4.5         ; >1.2.3-alpha.3 ; true
      1.0.0         ; >=abc ; false
      1.0.0         ; ^1.0.0 garbage ; false
      1.0.0         ; x.1 ; false
      4.17.20       ; <4.17.21 ; true
      4.17.21       ; <4.17.21 ; false
      1.0.0-rc.1    ; * ; false
      """)
  void satisfies(String version, String range, boolean expected) {
    assertThat(NpmSemver.STRICT.satisfies(version, range)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} in ''{1}'' with includePrerelease = {2}")
  @CsvSource(delimiter = ';', textBlock = """
      1.3.0-beta   ; ^1.2.3 ; true
      2.0.0-beta   ; ^1.2.3 ; false
      1.0.0-rc.1   ; * ; true
      1.2.3-beta   ; ~1.2.3 ; false
      """)
  void satisfiesIncludingPrereleases(String version, String range, boolean expected) {
    assertThat(NpmSemver.STRICT.satisfies(version, range, true)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void invalidRangesThrowTheDocumentedException() {
    assertThatThrownBy(() -> NpmRange.parse(">=abc", false, false)).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> NpmRange.parse("1".repeat(NpmRange.MAX_LENGTH + 1), false, false))
        .isInstanceOf(InvalidVersionException.class);
    assertThat(NpmRange.parse(">=1.2.7 <1.3.0", false, false).test("1.2.8")).isTrue();
  }
}
