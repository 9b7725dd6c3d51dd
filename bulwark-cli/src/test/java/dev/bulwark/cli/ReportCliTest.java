package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bulwark report}: the examples' committed SECURITY.md are what it writes today, the Go
 * example tells the story with real figures, and every Bulwark command the guide shows runs and
 * every file it names exists.
 */
class ReportCliTest {
  private static final Path REPO = Path.of(System.getProperty("bulwark.repo", ".."));
  private static final Path EXAMPLES = REPO.resolve("examples");
  /** The day the committed guides are written for: EOL dates are judged on it. */
  static final String AS_OF = "2026-12-01";

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile"))).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** A copy of an example, so that the report's variants are written outside the source tree. */
  static Path copy(String example, Path tmp) throws IOException {
    Path from = EXAMPLES.resolve(example);
    Path to = tmp.resolve(example);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  static CliTest.Run report(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("report", dir.toString(), "--as-of", AS_OF));
    args.addAll(List.of(more));
    return CliTest.run(args.toArray(String[]::new));
  }

  /** Regenerate with -Dbulwark.update-docs=true and review the diff. */
  @ParameterizedTest
  @MethodSource("examples")
  void eachExamplesSecurityMdIsWhatReportWritesToday(String example, @TempDir Path tmp) throws IOException {
    Path dir = copy(example, tmp);
    CliTest.Run r = report(dir, "--out", dir.resolve("SECURITY.md").toString(), "--rule-docs", "../../docs/rules/");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\tat ");
    String written = Files.readString(dir.resolve("SECURITY.md"));
    if (Boolean.getBoolean("bulwark.update-docs")) {
      Files.writeString(EXAMPLES.resolve(example).resolve("SECURITY.md"), written);
    }
    assertThat(EXAMPLES.resolve(example).resolve("SECURITY.md")).as("examples/%s/SECURITY.md (regenerate with -Dbulwark.update-docs=true)", example)
        .hasContent(written);
    // the variants the guide names are the committed ones
    try (Stream<Path> files = Files.list(dir.resolve("hardened"))) {
      for (Path f : files.toList()) {
        assertThat(EXAMPLES.resolve(example).resolve("hardened").resolve(f.getFileName().toString())).hasSameTextualContentAs(f);
      }
    }
  }

  @Test
  void theGoExampleTellsTheStoryWithRealFigures(@TempDir Path tmp) throws IOException {
    Path dir = copy("go-api", tmp);
    CliTest.Run r = report(dir);
    assertThat(r.exit()).as(r.err()).isZero();
    String md = r.out();
    assertThat(md).contains("Your Dockerfile and its settings have 1 critical, 1 high, 1 medium and 6 low issues",
        "**BW-D001** Container runs as root — `Dockerfile:2:1`", "**BW-D002** Base image uses :latest or no tag — `Dockerfile:2:6`",
        "### Distroless (recommended) — [`hardened/Dockerfile.distroless`](hardened/Dockerfile.distroless)",
        "FROM gcr.io/distroless/static-debian13:nonroot", "### Hardened Alpine", "| Critical | 1 | 0 (was 1) | 0 (was 1) |",
        "| High | 1 | 0 (was 1) | 0 (was 1) |", "**Grade: E (20 %) → A (96 %) with `hardened/Dockerfile.distroless`**",
        "| User | root | 65532:65532 | 10001:10001 |");
    // sections in the order
    List<Integer> at = Stream.of("## 1. Vulnerability analysis", "## 2. Improvements", "## 3. Usage", "## 4. Comparison", "## 5. Runtime security",
        "## 6. CI/CD integration", "## 7. Expected results", "## 8. Maintenance").map(md::indexOf).toList();
    assertThat(at).doesNotContain(-1).isSorted();
    // without --rule-docs the rule is named by the command that explains it
    assertThat(md).contains("`bulwark explain BW-D001`");
  }

  @Test
  void anotherDockerfileInTheProjectIsNotThisGuidesFinding(@TempDir Path tmp) throws IOException {
    Path dir = copy("go-api", tmp);
    Files.createDirectories(dir.resolve("tools"));
    Files.writeString(dir.resolve("tools/Dockerfile"), "FROM ubuntu\nRUN curl -k https://example.com/x | sh\n");
    Files.writeString(dir.resolve("Dockerfile.dev"), "FROM golang\nCMD [\"go\", \"run\", \".\"]\n");
    CliTest.Run r = report(dir, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("counts").path("critical").asInt()).isEqualTo(1);
    assertThat(j.path("counts").path("high").asInt()).isEqualTo(1);
    assertThat(j.path("findings").findValuesAsText("file")).containsOnly("Dockerfile");
  }

  @Test
  void jsonCarriesTheSameCountsAndGrades(@TempDir Path tmp) throws IOException {
    Path dir = copy("go-api", tmp);
    CliTest.Run r = report(dir, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(j.path("counts").path("critical").asInt()).isEqualTo(1);
    assertThat(j.path("grade").path("letter").asText()).isEqualTo("E");
    assertThat(j.path("grade").path("possible").asInt()).isEqualTo(75);
    assertThat(j.path("variants")).hasSize(4);
    assertThat(j.path("variants").get(0).path("variant").asText()).isEqualTo("distroless");
    assertThat(j.path("variants").get(0).path("grade").path("letter").asText()).isEqualTo("A");
    assertThat(j.path("findings").get(0).path("line").asInt()).isPositive();
  }

  @Test
  void explainGradeAndBadge(@TempDir Path tmp) throws IOException {
    Path dir = copy("go-api", tmp);
    Path badge = tmp.resolve("grade.svg");
    CliTest.Run r = report(dir, "--explain-grade", "--badge", badge.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("**Original: E (20 %)** — 15 of 75 points.").contains("| Runs as a non-root user | 10 | 0 |")
        .doesNotContain("## 1.");
    assertThat(Files.readString(badge)).contains("<svg", ">E<");
  }

  @Test
  void aBuiltImageIsMeasuredAndSaidSo(@TempDir Path tmp) throws Exception {
    Path dir = copy("go-api", tmp);
    Path image = SbomCliTest.archive(tmp, SbomCliTest.tar("usr/local/bin/api", "binary"), "{\"User\":\"65532:65532\"}");
    CliTest.Run r = report(dir, "--image", "distroless=" + image, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out()).path("images").path("distroless");
    assertThat(d.path("user").asText()).isEqualTo("65532:65532");
    assertThat(d.path("sizeBytes").asLong()).isPositive();
    assertThat(d.path("shells")).isEmpty();
    CliTest.Run md = report(dir, "--image", "distroless=" + image);
    assertThat(md.out()).contains("no shell; no package manager; 0 executables (measured)", "MB unpacked (measured)");
    CliTest.Run twice = report(dir, "--image", image.toString(), "--image", "original=" + image);
    assertThat(twice.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(twice.err()).contains("two images labelled original");
  }

  @Test
  void inputErrorsAreOneLine(@TempDir Path tmp) throws IOException {
    CliTest.assertOneLineError(CliTest.run("report", tmp.toString()), "Dockerfile");
    Files.writeString(tmp.resolve("Dockerfile"), "# no stage\n");
    CliTest.assertOneLineError(CliTest.run("report", tmp.toString()), "no FROM");
    Files.writeString(tmp.resolve("Dockerfile"), "FROM alpine:3.24\nCMD [\"/bin/true\"]\n");
    CliTest.Run escape = CliTest.run("report", tmp.toString(), "--variants-dir", "../elsewhere");
    assertThat(escape.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(tmp.resolveSibling("elsewhere")).doesNotExist();
  }

  private static final Pattern USAGE = Pattern.compile("(?s)## 3\\. Usage\\n.*?```sh\\n(.*?)```");
  private static final Pattern SNIPPET_RUN = Pattern.compile("tools/bulwark/bulwark (scan [^\\n]*)");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+)\\)");

  /** Each Bulwark command of the guide, run as a user would, in the project's directory: no usage error, no trace. */
  @Test
  void everyCommandTheGuideShowsRunsAndEveryFileItNamesExists(@TempDir Path tmp) throws Exception {
    Path dir = copy("go-api", tmp);
    Files.deleteIfExists(dir.resolve("hardened/Dockerfile.distroless")); // the guide's own first command writes it again
    CliTest.Run r = report(dir);
    assertThat(r.exit()).as(r.err()).isZero();
    String md = r.out();
    Matcher usage = USAGE.matcher(md);
    assertThat(usage.find()).isTrue();
    List<List<String>> commands = new ArrayList<>();
    for (String line : usage.group(1).lines().toList()) {
      String command = line.replaceFirst("\\s+# .*$", "");
      List<String> words = List.of(command.split(" +")).stream().map(w -> w.replace("'", "")).toList();
      if (words.getFirst().equals("docker") && words.get(1).equals("save")) {
        // what `docker save` would have written: a docker-save archive of a non-root image
        Path made = SbomCliTest.archive(Files.createTempDirectory(tmp, "img"), SbomCliTest.tar("usr/local/bin/api", "x"), "{\"User\":\"65532:65532\"}");
        Files.move(made, dir.resolve(words.getLast()));
      } else if (words.getFirst().equals("bulwark")) {
        commands.add(words.subList(1, words.size()));
      } else {
        assertThat(words.getFirst()).isIn("docker", "buildah");
        assertThat(dir.resolve(words.get(words.indexOf("-f") + 1))).as(command).isRegularFile();
      }
    }
    Matcher snippets = SNIPPET_RUN.matcher(md);
    while (snippets.find()) {
      List<String> words = new ArrayList<>(List.of(snippets.group(1).split(" +")).stream().map(w -> w.replace("'", "")).toList());
      if (words.size() == 3) {
        words.add("Dockerfile"); // pre-commit appends the changed files
      }
      commands.add(words);
    }
    assertThat(commands).hasSizeGreaterThanOrEqualTo(10);
    for (List<String> c : commands) {
      Proc p = bulwark(dir, tmp.resolve("cache"), c);
      assertThat(p.exit()).as("bulwark %s\n%s", String.join(" ", c), p.err()).isIn(0, 1);
      assertThat(p.err()).as("bulwark %s", String.join(" ", c)).doesNotContain("\tat ", "Unknown option", "Usage:");
    }
    // every file the guide links to exists, now that its commands ran
    Matcher links = LINK.matcher(md);
    while (links.find()) {
      assertThat(dir.resolve(links.group(1))).as(links.group(1)).exists();
    }
    assertThat(dir.resolve("SECURITY.md")).isRegularFile();
    assertThat(dir.resolve("deploy/run.sh")).isRegularFile();
  }

  record Proc(int exit, String out, String err) {}

  /** The CLI in its own JVM with {@code dir} as the working directory, and a cache of its own (no database of the machine's). */
  static Proc bulwark(Path dir, Path cache, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xss4m",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("XDG_CACHE_HOME", cache.toAbsolutePath().toString());
    Path out = Files.createTempFile(cache.getParent(), "out", ".txt");
    Path err = Files.createTempFile(cache.getParent(), "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process proc = pb.start();
    if (!proc.waitFor(120, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      throw new AssertionError("bulwark " + args + " did not finish");
    }
    return new Proc(proc.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
