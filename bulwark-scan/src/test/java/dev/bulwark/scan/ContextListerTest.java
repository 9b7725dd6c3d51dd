package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.lint.context.BuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
