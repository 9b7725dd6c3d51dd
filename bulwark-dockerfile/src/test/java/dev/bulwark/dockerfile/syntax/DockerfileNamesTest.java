package dev.bulwark.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "Dockerfile.prod", "Dockerfile.alpine.arm64",
      "Dockerfile.windows-ltsc2022", "api.Dockerfile", "api.dockerfile", "Containerfile.fedora", "base.containerfile",
      "Dockerfile.3.12"})
  void dockerfiles(String name) {
    assertThat(DockerfileNames.isDockerfileName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerfile.go", "Dockerfile.json", "dockerfile.json.golden", "Dockerfile.template", "Dockerfile.tmpl",
      "Dockerfile.windows.tmpl", "Dockerfile.j2", "Dockerfile.in", "Dockerfile.bak", "Dockerfile.md", "Dockerfile.", "Dockerfiles",
      "docker-compose.yml", "Dockerfile.yaml", "README.md", "Dockerfile.dockerignore", "Dockerfile.prod.dockerignore"})
  void notDockerfiles(String name) {
    assertThat(DockerfileNames.isDockerfileName(name)).isFalse();
  }
}
