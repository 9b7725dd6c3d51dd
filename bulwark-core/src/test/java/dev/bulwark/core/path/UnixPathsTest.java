package dev.bulwark.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnixPathsTest {
  @Test
  void normalizesInsideTheRootAndNeverClimbsAboveIt() {
    assertThat(UnixPaths.clamp("/usr//local/./bin/")).isEqualTo("usr/local/bin");
    assertThat(UnixPaths.clamp("app/../etc/passwd")).isEqualTo("etc/passwd");
    assertThat(UnixPaths.clamp("/../../etc/shadow")).isEqualTo("etc/shadow");
    assertThat(UnixPaths.clamp("a/b/../../..")).isEmpty();
    assertThat(UnixPaths.clamp("/")).isEmpty();
    assertThat(UnixPaths.clamp("...")).isEqualTo("...");
  }
}
