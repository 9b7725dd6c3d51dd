package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/rules must match the catalog; regenerate with -Dbulwark.update-docs=true. */
class RuleDocsTest {
  private static final Path DOCS = Path.of(System.getProperty("bulwark.repo", "..")).resolve("docs/rules");

  private static final Path CASES = Path.of(System.getProperty("bulwark.repo", "..")).resolve("bulwark-lint/src/test/resources/rules");
  private static final Path COMPOSE_CASES = Path.of(System.getProperty("bulwark.repo", "..")).resolve("bulwark-compose/src/test/resources/rules");

  /** Each Dockerfile and Compose rule's page shows the first plain cases of its .cases file (image rules have none). */
  static RuleDocs.Examples examples(String id) {
    Path f = (id.startsWith("BW-C") ? COMPOSE_CASES : CASES).resolve(id + ".cases");
    try {
      return Files.exists(f) ? RuleDocs.Examples.from(id, Files.readString(f, StandardCharsets.UTF_8)) : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void examplesComeFromTheCasesFiles() {
    RuleDocs.Examples e = RuleDocs.Examples.from("""
        === fail at 2:5 config: {ignore: [X]}
        FROM a
        === fail at 3:1 4:2
        FROM b
        RUN x
        === pass
        FROM c
        """);
    assertThat(e.failing()).isEqualTo("FROM b\nRUN x\n");
    assertThat(e.failingAt()).isEqualTo("3:1 4:2");
    assertThat(e.passing()).isEqualTo("FROM c\n");
    assertThat(examples("BW-D014").failing()).contains("go build");
    assertThat(examples("BW-M001")).isNull();
    assertThat(examples("BW-C001").failing()).contains("privileged: true");
  }

  @Test
  void docsAreInSyncWithTheCatalog() throws IOException {
    Map<String, String> pages = RuleDocs.pages(RuleDocsTest::examples);
    if (Boolean.getBoolean("bulwark.update-docs")) {
      Files.createDirectories(DOCS);
      try (Stream<Path> old = Files.list(DOCS)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      for (var e : pages.entrySet()) {
        Files.writeString(DOCS.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    }
    for (var e : pages.entrySet()) {
      Path p = DOCS.resolve(e.getKey());
      assertThat(p).as("docs/rules/%s (regenerate with -Dbulwark.update-docs=true)", e.getKey()).exists();
      assertThat(Files.readString(p, StandardCharsets.UTF_8)).as("docs/rules/%s is stale", e.getKey()).isEqualTo(e.getValue());
    }
    try (Stream<Path> s = Files.list(DOCS)) {
      assertThat(s.map(p -> p.getFileName().toString())).as("no page for a removed rule").allMatch(pages::containsKey);
    }
  }
}
