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

  @Test
  void docsAreInSyncWithTheCatalog() throws IOException {
    Map<String, String> pages = RuleDocs.pages();
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
