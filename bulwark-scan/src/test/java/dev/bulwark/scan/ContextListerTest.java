package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.lint.context.BuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextListerTest {

  @Test
  void dockerfilesOfOneDirectoryShareOneContext_perIgnoreFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".dockerignore"), "*.log\n");
    Files.writeString(dir.resolve("b.Dockerfile.dockerignore"), ".env\n");
    for (String f : new String[] {"a.Dockerfile", "b.Dockerfile", "c.Dockerfile", ".env", "x.log"}) {
      Files.writeString(dir.resolve(f), "FROM alpine\nCOPY . .\n");
    }
    ContextLister lister = new ContextLister();
    BuildContext a = lister.forDockerfile(dir.resolve("a.Dockerfile"));
    BuildContext b = lister.forDockerfile(dir.resolve("b.Dockerfile"));
    BuildContext c = lister.forDockerfile(dir.resolve("c.Dockerfile"));

    assertThat(c).isSameAs(a); // what rules derive from it is computed once for both
    assertThat(a.sent()).contains(".env").doesNotContain("x.log");
    assertThat(b).isNotSameAs(a); // its own ignore file
    assertThat(b.sent()).contains("x.log").doesNotContain(".env");
  }

  @Test
  void aComposeFileElsewhereInTheProjectGivesTheContext_andItsDockerignoreApplies(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("deploy"));
    Files.createDirectories(project.resolve("docker/api"));
    Files.writeString(project.resolve(".dockerignore"), ".env\n");
    Files.writeString(project.resolve(".env"), "TOKEN=x\n");
    Files.writeString(project.resolve("deploy/compose.yaml"),
        "services:\n  api:\n    build:\n      context: ..\n      dockerfile: docker/api/Dockerfile\n  db:\n    image: postgres:16\n");
    Path dockerfile = project.resolve("docker/api/Dockerfile");
    Files.writeString(dockerfile, "FROM alpine\nCOPY . .\n");

    BuildContext context = new ContextLister().forDockerfile(dockerfile, List.of(), project);

    assertThat(context.ignore()).isNotNull(); // before: the Dockerfile's own directory, which has none
    assertThat(context.sent()).contains("docker/api/Dockerfile").doesNotContain(".env");
    assertThat(context.assumed()).isEqualTo("../.., as ../../deploy/compose.yaml gives it");
  }

  @Test
  void copySourcesThatOnlyResolveFromAnAncestorMakeItTheContext(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("src/app"));
    Files.createDirectories(project.resolve("build/docker"));
    Files.writeString(project.resolve("src/app/main.py"), "print(1)\n");
    Files.writeString(project.resolve("requirements.txt"), "flask\n");
    Files.writeString(project.resolve(".dockerignore"), "**/*.log\n");
    Path dockerfile = project.resolve("build/docker/Dockerfile");
    Files.writeString(dockerfile, "FROM python:3.12\nCOPY requirements.txt /app/\nCOPY src/app /app\nCOPY . /app\n");

    BuildContext context = new ContextLister().forDockerfile(dockerfile, List.of("requirements.txt", "src/app", "*.txt"), project);

    assertThat(context.ignore()).isNotNull();
    assertThat(context.assumed()).isEqualTo("../.., where its COPY sources are");
    // the Dockerfile's own directory when its sources are there, however far up another .dockerignore is
    Files.writeString(project.resolve("build/docker/requirements.txt"), "flask\n");
    Files.createDirectories(project.resolve("build/docker/src/app"));
    BuildContext own = new ContextLister().forDockerfile(dockerfile, List.of("requirements.txt", "src/app"), project);
    assertThat(own.ignore()).isNull();
    assertThat(own.ignoreElsewhere()).isNull();
    assertThat(own.assumed()).isEqualTo("the Dockerfile's directory, where its COPY sources are");
  }

  @Test
  void nothingPinningTheContextNamesTheAncestorsDockerignore(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("eng/tools"));
    Files.writeString(project.resolve(".dockerignore"), ".git\n");
    Path dockerfile = project.resolve("eng/tools/Dockerfile");
    Files.writeString(dockerfile, "FROM alpine\nCOPY . /repo\n");

    BuildContext context = new ContextLister().forDockerfile(dockerfile, List.of(), project);

    assertThat(context.ignore()).isNull();
    assertThat(context.assumed()).isEqualTo("the Dockerfile's directory, assumed");
    assertThat(context.ignoreElsewhere()).isEqualTo("../../.dockerignore");
  }

  @Test
  void composeFilesThatAreNotComposeGiveNoHint(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services: [a\n");
    Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  a:\n    build: ${CTX}\n  b:\n    build: {context: \"../x\"}\n"
        + "  c:\n    build: {context: ., dockerfile_inline: \"FROM alpine\"}\n");
    assertThat(ComposeContexts.read(dir.resolve("compose.yaml"))).isEmpty();
    assertThat(ComposeContexts.read(dir.resolve("docker-compose.yml"))).singleElement()
        .satisfies(b -> assertThat(b.dockerfile()).isEqualTo(dir.getParent().resolve("x/Dockerfile").normalize()));
  }

  @Test
  void aServicesHealthcheckTestIsReadAsWords() {
    assertThat(ComposeContexts.healthcheck(java.util.Map.of("test", List.of("CMD", "curl", "-f", "http://localhost"))))
        .containsExactly("CMD", "curl", "-f", "http://localhost");
    assertThat(ComposeContexts.healthcheck(java.util.Map.of("test", List.of("CMD", "/usr/bin/curl", "-f", "http://localhost/"))))
        .containsExactly("CMD", "curl", "-f", "http://localhost/");
    assertThat(ComposeContexts.healthcheck(java.util.Map.of("test", "wget -qO- http://localhost/ || exit 1")))
        .containsExactly("wget", "-qO-", "http://localhost/", "exit", "1");
    assertThat(ComposeContexts.healthcheck(java.util.Map.of("test", List.of("NONE")))).isEmpty();
    assertThat(ComposeContexts.healthcheck(java.util.Map.of("test", "curl -f http://x", "disable", true))).isEmpty();
    assertThat(ComposeContexts.healthcheck(null)).isEmpty();
  }

  @Test
  void aServicesUserPrivilegedAndAddedCapabilitiesAreRead() {
    var service = ComposeContexts.service("compose.yaml", "vpn",
        java.util.Map.of("user", 1000, "privileged", true, "cap_add", List.of("NET_ADMIN", "${EXTRA}")));
    assertThat(service.user()).isEqualTo("1000");
    assertThat(service.runsAsNonRoot()).isTrue();
    assertThat(service.rootPowers()).isEqualTo("privileged: true");
    assertThat(service.capAdd()).containsExactly("NET_ADMIN");
    var plain = ComposeContexts.service("compose.yaml", "web", java.util.Map.of("user", "0:0"));
    assertThat(plain.runsAsNonRoot()).isFalse();
    assertThat(plain.rootPowers()).isNull();
    assertThat(ComposeContexts.service("c.yaml", "w", java.util.Map.of("user", "${UID}")).runsAsNonRoot()).isFalse();
  }
}
