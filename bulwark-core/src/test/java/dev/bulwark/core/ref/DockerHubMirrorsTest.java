package dev.bulwark.core.ref;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerHubMirrorsTest {
  static ImageReference ref(String s) {
    return ImageReference.tryParse(s).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
      "mirror.gcr.io/library/alpine:3, docker.io/library/alpine:3",
      "mirror.gcr.io/bitnami/redis:7.4, docker.io/bitnami/redis:7.4",
      "mirror.gcr.io/arm64v8/alpine, docker.io/arm64v8/alpine:latest",
      "public.ecr.aws/docker/library/node:22-alpine, docker.io/library/node:22-alpine",
      "registry-1.docker.io/library/python:3.13, docker.io/library/python:3.13",
      "registry.hub.docker.com/library/debian:trixie, docker.io/library/debian:trixie",
      "index.docker.io/library/golang:1.25, docker.io/library/golang:1.25",
      "index.docker.io/golang:1.25, docker.io/library/golang:1.25",
      "docker.io/library/alpine:3, docker.io/library/alpine:3",
      "docker.io/alpine, docker.io/library/alpine:latest",
      "mirror.gcr.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,"
          + " docker.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  })
  void aMirrorOfDockerHubIsTheImageItServes(String written, String hub) {
    ImageReference r = ref(written).hubEquivalent();
    assertThat(r.normalized()).isEqualTo(hub);
    assertThat(r.original()).as("messages keep the reference as written").isEqualTo(written);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mirror.gcr.io/alpine:3", // mirror.gcr.io adds no library/: not the official image's path
      "registry-1.docker.io/alpine:3",
      "public.ecr.aws/nginx/nginx:1.27", // ECR Public's own namespaces are not Docker Hub's
      "public.ecr.aws/docker/alpine:3",
      "gcr.io/library/alpine:3",
      "ghcr.io/library/alpine:3",
      "quay.io/prometheus/node-exporter:v1.8.0",
  })
  void otherRegistriesAreLeftAsWritten(String written) {
    ImageReference r = ref(written);
    assertThat(DockerHubMirrors.mirrored(r)).isEmpty();
    assertThat(r.hubEquivalent()).isSameAs(r);
  }

  @ParameterizedTest
  @CsvSource({
      "alpine:3, true",
      "mirror.gcr.io/library/alpine:3, true",
      "public.ecr.aws/docker/library/redis:7, true",
      "mirror.gcr.io/bitnami/redis:7, false",
      "mirror.gcr.io/alpine:3, false",
      "ghcr.io/library/alpine:3, false",
  })
  void officialImagesThroughAMirrorAreOfficial(String written, boolean official) {
    assertThat(ref(written).isOfficialImage()).isEqualTo(official);
  }
}
