package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bulwark harden}: the committed examples/*&#47;hardened files are what it writes, its refusals and usage errors exit 2. */
class HardenCliTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("bulwark.repo", "..")).resolve("examples");
  private static final List<String> VARIANTS = List.of("distroless", "alpine");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile"))).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** Regenerate with -Dbulwark.update-golden=true and review the diff. */
  @ParameterizedTest
  @MethodSource("examples")
  void eachExamplesHardenedFilesAreWhatHardenWrites(String example, @TempDir Path tmp) throws IOException {
    Path dir = EXAMPLES.resolve(example);
    Path out = Boolean.getBoolean("bulwark.update-golden") ? dir.resolve("hardened") : tmp;
    // every variant harden writes (refusals write nothing), and no committed file it no longer writes
    Run r = CliTest.run("harden", dir.toString(), "--variant", "all", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\tat ");
    List<String> written = variantFiles(out);
    assertThat(written).as("the variants of examples/%s", example).containsAll(VARIANTS.stream().map(v -> "Dockerfile." + v).toList());
    assertThat(variantFiles(dir.resolve("hardened"))).as("examples/%s/hardened (regenerate with -Dbulwark.update-golden=true)", example)
        .containsExactlyElementsOf(written);
    for (String f : written) {
      assertThat(dir.resolve("hardened").resolve(f))
          .as("examples/%s/hardened/%s (regenerate with -Dbulwark.update-golden=true)", example, f)
          .hasContent(Files.readString(out.resolve(f)));
    }
    assertThat(dir.resolve("hardened/.dockerignore")).hasContent(Files.readString(out.resolve(".dockerignore")));
  }

  private static List<String> variantFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Dockerfile.")).sorted().toList();
    }
  }

  @Test
  void printsTheVariantAndItsNotes() {
    Run r = CliTest.run("harden", EXAMPLES.resolve("python-web").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("FROM gcr.io/distroless/python3-debian13:nonroot", "USER 65532:65532", "--port=8080");
    assertThat(r.err()).contains("distroless: note: privileged port remapped: 80 → 8080");
  }

  @Test
  void diffAgainstTheOriginal() {
    Run r = CliTest.run("harden", EXAMPLES.resolve("go-api").toString(), "--variant", "alpine", "--diff");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("--- ").contains("+FROM alpine:3.24", "-CMD /usr/local/bin/api", "+USER 10001:10001");
  }

  @Test
  void allVariantsWritesWhatItCanAndListsRefusals(@TempDir Path tmp) {
    Run r = CliTest.run("harden", EXAMPLES.resolve("node-app").toString(), "--variant", "all", "--out", tmp.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(tmp.resolve("Dockerfile.distroless")).exists();
    assertThat(tmp.resolve("Dockerfile.chainguard")).exists();
    assertThat(tmp.resolve("Dockerfile.scratch")).doesNotExist();
    assertThat(r.err()).contains("scratch: not hardened (not static): scratch holds static binaries only");
  }

  @Test
  void refusalsAndBadInputExitTwoAndWriteNothing(@TempDir Path tmp) throws IOException {
    Run scratch = CliTest.run("harden", EXAMPLES.resolve("python-web").toString(), "--variant", "scratch", "--out", tmp.toString());
    assertThat(scratch.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(scratch.err()).contains("not hardened (not static)");
    assertThat(tmp.resolve("Dockerfile.scratch")).doesNotExist();
    assertThat(tmp.resolve(".dockerignore")).doesNotExist();

    Path bad = tmp.resolve("Dockerfile");
    Files.writeString(bad, "FROM alpine:3.24\nFRUM x\n");
    Run parse = CliTest.run("harden", bad.toString(), "--out", tmp.resolve("o").toString());
    assertThat(parse.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(parse.err()).contains("not hardened (parse error): line 2: unknown instruction");
    assertThat(tmp.resolve("o/Dockerfile.distroless")).doesNotExist();

    Files.writeString(bad, "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"app.exe\"]\n");
    assertThat(CliTest.run("harden", bad.toString()).err()).contains("(windows)");

    assertThat(CliTest.run("harden", bad.toString(), "--pin-digest").exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(CliTest.run("harden", bad.toString(), "--variant", "ubuntu").exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    Run missing = CliTest.run("harden", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).doesNotContain("\tat ");
  }
}
