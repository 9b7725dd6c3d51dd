package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.db.DbLock;
import dev.bulwark.vuln.update.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code db update}'s choices without a network: bases from options and the environment, default branches, the progress line. */
class DbUpdateOptionsTest {
  @TempDir Path dir;

  private static DbCommand.Update parse(String... args) {
    DbCommand.Update u = new DbCommand.Update();
    new CommandLine(u).parseArgs(args);
    return u;
  }

  @Test
  void aBaseIsTheOptionElseTheVariableElseTheOfficialOne() {
    Map<String, String> env = Map.of(DbCommand.Update.ENV_OSV, "https://env.mirror/osv", DbCommand.Update.ENV_DEBIAN, "http://env.mirror/debian");
    Sources.Selection s = parse("--osv-url", "https://opt.mirror/osv").selection(env, LocalDate.of(2026, 12, 1));
    assertThat(s.osvBase()).hasToString("https://opt.mirror/osv");
    assertThat(s.debianBase()).hasToString("http://env.mirror/debian");
    assertThat(s.alpineBase()).isEqualTo(Sources.ALPINE_BASE);
    assertThat(s.sources()).isEqualTo(Sources.ALL);
    assertThat(s.ecosystems()).isEqualTo(Sources.DEFAULT_ECOSYSTEMS);
    Sources.Selection chosen = parse("--source", "osv,alpine", "--ecosystem", "Go", "--alpine-branch", "v3.20,edge").selection(Map.of(), LocalDate.of(2026, 12, 1));
    assertThat(chosen.sources()).containsExactly("osv", "alpine");
    assertThat(chosen.ecosystems()).containsExactly("Go");
    assertThat(chosen.alpineBranches()).containsExactly("v3.20", "edge");
  }

  @Test
  void theDefaultAlpineBranchesAreTheSupportedOnesAndThoseEndedInTheLastTwoYears() {
    // the catalog: 3.18 ended 2025-05-09, 3.17 on 2024-11-22
    assertThat(DbCommand.Update.defaultAlpineBranches(LocalDate.of(2026, 12, 1)))
        .containsExactly("v3.24", "v3.23", "v3.22", "v3.21", "v3.20", "v3.19", "v3.18");
    assertThat(DbCommand.Update.defaultAlpineBranches(LocalDate.of(2028, 7, 1))).contains("v3.24", "v3.22").doesNotContain("v3.20");
  }

  @Test
  void theProgressLine() {
    assertThat(DbProgress.line("osv PyPI", 1, 12, 3 << 20, 12 << 20, 1234))
        .isEqualTo("[2/12] osv PyPI [######..................] 3.0 MiB / 12.0 MiB, 1,234 records");
    assertThat(DbProgress.line("debian tracker", 11, 12, 512, -1, 0)).isEqualTo("[12/12] debian tracker 512 B, 0 records");
    assertThat(DbProgress.size(1536)).isEqualTo("1.5 KiB");
  }

  @Test
  void aBadProxyVariableOrTimeoutIsAOneLineError() {
    CliTest.assertOneLineError(CliTest.run("db", "update", "--db", dir.toString(), "--timeout", "0"), "--timeout must be at least 1 second");
    CliTest.assertOneLineError(CliTest.run("db", "update", "--db", dir.toString(), "--retries", "-1"), "--retries must be 0 or more");
  }

  @Test
  void importWaitsForNoOneAndSaysWhenAnotherWriterHoldsTheDatabase() throws Exception {
    Path db = dir.resolve("db");
    Path osv = Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"A-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}");
    try (DbLock held = DbLock.acquire(db)) {
      CliTest.assertOneLineError(CliTest.run("db", "import", "--db", db.toString(), osv.toString()), "another bulwark db update or import is writing");
    }
    assertThat(CliTest.run("db", "import", "--db", db.toString(), osv.toString()).exit()).isZero();
  }
}
