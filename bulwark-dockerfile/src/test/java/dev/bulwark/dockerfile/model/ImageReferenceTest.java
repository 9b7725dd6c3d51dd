package dev.bulwark.dockerfile.model;

import dev.bulwark.core.ref.ImageReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link ImageReference}: Docker's normalization and its refusals. */
class ImageReferenceTest {
  private static final String D = "sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5";

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      alpine,                           docker.io/library/alpine:latest,          latest
      alpine:3.20,                      docker.io/library/alpine:3.20,            3.20
      library/alpine:3,                 docker.io/library/alpine:3,               3
      bitnami/redis:7.2,                docker.io/bitnami/redis:7.2,              7.2
      index.docker.io/nginx,            docker.io/library/nginx:latest,           latest
      ghcr.io/org/tool:v1,              ghcr.io/org/tool:v1,                      v1
      localhost:5000/app,               localhost:5000/app:latest,                latest
      localhost/app:1,                  localhost/app:1,                          1
      registry.example.com:443/a/b/c:x, registry.example.com:443/a/b/c:x,         x
      [::1]:5000/img:2,                 [::1]:5000/img:2,                         2
      my_repo__x/with-dash---es:tag_1.0,docker.io/my_repo__x/with-dash---es:tag_1.0,tag_1.0
      """)
  void normalizes(String input, String normalized, String effectiveTag) throws Exception {
    ImageReference r = ImageReference.parse(input);
    assertThat(r.normalized()).isEqualTo(normalized);
    assertThat(r.effectiveTag()).isEqualTo(effectiveTag);
  }

  @org.junit.jupiter.api.Test
  void digestAndTagDigest() throws Exception {
    ImageReference d = ImageReference.parse("alpine@" + D);
    assertThat(d.normalized()).isEqualTo("docker.io/library/alpine@" + D);
    assertThat(d.isLatestOrUntagged()).isFalse();
    assertThat(d.isPinnedByDigest()).isTrue();
    ImageReference td = ImageReference.parse("alpine:3.20@" + D);
    assertThat(td.normalized()).isEqualTo("docker.io/library/alpine:3.20@" + D);
    assertThat(td.familiarName()).isEqualTo("alpine");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "Alpine", "alpine:", "alpine:-bad", "alpine@sha256:abc", "a//b",
      "0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5", "-lead/x", "alpine:bad:tag", "a/b:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"})
  void refuses(String input) {
    assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(ImageReference.InvalidReferenceException.class);
  }

  @org.junit.jupiter.api.Test
  void uppercaseFirstComponent_isARegistry() throws Exception {
    // Docker treats a first component with capitals as a host name (distribution/reference).
    assertThat(ImageReference.parse("UPPER/case:1").registry()).isEqualTo("UPPER");
  }

  @org.junit.jupiter.api.Test
  void uppercaseRepository_saysLowercase() {
    assertThatThrownBy(() -> ImageReference.parse("Alpine:3")).hasMessageContaining("must be lowercase");
  }
}
