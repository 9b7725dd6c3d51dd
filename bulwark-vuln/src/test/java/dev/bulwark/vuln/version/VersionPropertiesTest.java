package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * compare() is an order on each scheme's samples: reflexive, antisymmetric and transitive over every pair and triple
 * (with ties: equal to equal is equal). The samples mix typical versions with the corners of each scheme.
 */
class VersionPropertiesTest {
  private static final Map<String, List<String>> SAMPLES = Map.ofEntries(
      Map.entry("dpkg", List.of("1.0", "1.0-1", "1.0-0", "1.0~rc1", "1.0~rc1-1", "1.0~~", "1.0+b1", "1:0.9", "0:1.0", "1.0a", "1.0.",
          "1.00", "2.30-21ubuntu1~18.04.4", "2.30-21ubuntu1~18.04.10", "1.2-3-4", "10", "9", "1.0+dfsg-1", "abc", "1.0_1", "1.0-1_2")),
      Map.entry("apk", List.of("1.0", "1.0-r0", "1.0-r1", "1.0_alpha", "1.0_beta2", "1.0_rc1", "1.0_p1", "1.0_git20240101", "1.0a",
          "1.0b", "1.01", "1.1", "1.10", "1.0.1", "1.0~abc", "1.0_rc1-r2", "", "1.0_foo", "v1", "1..0", "1.0A", "007", "7")),
      Map.entry("rpm", List.of("1.0", "1.0-1", "1.0-2.el8", "1:1.0", "1.0~rc1", "1.0^git1", "1.0a", "1.0b", "1.0.1", "1.0_1", "a", "+",
          "1.0~rc1^git1", "2.17-326.el7_9", "2.17-326.el7_9.3", "0:1.0", "10", "9.9")),
      Map.entry("pep440", List.of("1.0", "1.0.0", "1", "1.0.dev0", "1.0a1", "1.0a1.dev1", "1.0b2", "1.0rc1", "1.0.post1", "1.0.post1.dev1",
          "1.0+local", "1.0+1", "1.0+abc.1", "1!0.1", "1.1.dev0", "v1.0", "1.0-1", "1.0a", "2012.10", "1.0.0.0.1")),
      Map.entry("npm", List.of("1.2.3", "1.2.3-alpha", "1.2.3-alpha.1", "1.2.3-alpha.beta", "1.2.3-beta.11", "1.2.3-beta.2", "1.2.3-rc.1",
          "1.2.3+build", "1.2.4", "0.0.0", "0.0.0-0", "v1.2.3", "1.2.3-A", "1.2.3-1", "1.10.0", "1.9.0")),
      Map.entry("go-semver", List.of("v1.2.3", "v1.2.3-pre", "v1", "v1.0.0", "v1.2", "v2.0.0+incompatible", "v2.0.0",
          "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20201109021931-aaa7c04131f5", "v1.2.4-0.20191109021931-daa7c04131f5", "bad",
          "1.2.3", "v01.2.3", "v1.2.3-1", "v1.2.3-a.b")),
      Map.entry("maven", List.of("1.0", "1.0.0", "1.0-alpha-1", "1.0-beta", "1.0-rc1", "1.0-SNAPSHOT", "1.0-sp1", "1.0.Final", "1.0-foo",
          "1.0.1", "1-1", "1.0a1", "2.0", "", "1.0-20240101.123456-1", "1.0.RELEASE")),
      Map.entry("rubygems", List.of("1", "1.0", "1.0.a", "1.0.b", "1.0.rc1", "1.0.0-rc1", "1.10", "1.9", "1.0.a10", "1.0.a9", "1.a",
          "2.0.0.pre", "0", "7.0.8.1", "7.0.8")),
      Map.entry("nuget", List.of("1.0", "1.0.0.0", "1", "1.0.0-beta", "1.0.0-BETA", "1.0.0-beta.2", "1.0.0-beta.10", "1.0.0-alpha",
          "1.0.0-1", "1.0.0-a", "1.0.0+meta", "1.0.0.1", "6.0.0-preview.7", "6.0.0-rc.1")),
      Map.entry("semver", List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
          "1.0.0", "1.0.0+a", "2.0.0", "1.99.99")));

  static Stream<Arguments> schemes() {
    List<Arguments> out = new ArrayList<>();
    SAMPLES.forEach((name, samples) -> out.add(Arguments.of(name, samples)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void compareIsAnOrder(String name, List<String> samples) {
    VersionScheme s = VersionSchemes.byName(name).orElseThrow();
    int n = samples.size();
    int[][] c = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) c[i][j] = Integer.signum(s.compare(samples.get(i), samples.get(j)));
    }
    for (int i = 0; i < n; i++) {
      assertThat(c[i][i]).as("%s reflexive on %s", name, samples.get(i)).isZero();
      for (int j = 0; j < n; j++) {
        assertThat(c[i][j]).as("%s antisymmetric on %s, %s", name, samples.get(i), samples.get(j)).isEqualTo(-c[j][i]);
        for (int k = 0; k < n; k++) {
          if (c[i][j] <= 0 && c[j][k] <= 0) {
            int want = c[i][j] == 0 && c[j][k] == 0 ? 0 : -1;
            assertThat(c[i][k]).as("%s transitive on %s, %s, %s", name, samples.get(i), samples.get(j), samples.get(k)).isEqualTo(want);
          }
        }
      }
    }
  }
}
