package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config discovery, --config, baselines and every --format through the CLI. */
class ConfigAndBaselineCliTest {
  private static final String DF = "FROM alpine:latest\nRUN apk add curl\nCMD x\n";

  private static Path project(Path dir, String configName, String config) throws IOException {
    Path svc = dir.resolve("services/api");
    Files.createDirectories(svc);
    Files.writeString(svc.resolve("Dockerfile"), DF);
    if (configName != null) {
      Files.writeString(dir.resolve(configName), config);
    }
    return svc.resolve("Dockerfile");
  }

  @Test
  void bulwarkYaml_isFoundWalkingUp(@TempDir Path dir) throws IOException {
    Path df = project(dir, ".bulwark.yaml", "ignore: [BW-D001, BW-D002, BW-D003, BW-D005]\nfailOn: critical\n");
    CliTest.Run r = CliTest.run("scan", "--format", "json", df.toString());
    assertThat(r.out()).doesNotContain("BW-D001", "BW-D002").contains("BW-D020");
    assertThat(r.exit()).isZero(); // nothing critical left, and failOn comes from the config
    assertThat(CliTest.run("scan", "--fail-on", "low", df.toString()).exit()).isEqualTo(1);
  }

  @Test
  void configExclude_skipsFiles(@TempDir Path dir) throws IOException {
    project(dir, ".bulwark.yaml", "exclude: [\"services/**\"]\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.24\nUSER 1\n");
    CliTest.Run r = CliTest.run("scan", "--no-fail", "--format", "json", dir.toString());
    assertThat(r.out()).contains("\"files\" : 1").doesNotContain("services/api");
  }

  @Test
  void hadolintYaml_isUsedWhenThereIsNoBulwarkYaml(@TempDir Path dir) throws IOException {
    Path df = project(dir, ".hadolint.yaml", "ignored: [DL3007, DL3002]\n");
    CliTest.Run r = CliTest.run("scan", "--format", "json", "--no-fail", df.toString());
    assertThat(r.out()).doesNotContain("BW-D002", "BW-D001");
  }

  @Test
  void explicitConfig_andBrokenConfigIsExit2(@TempDir Path dir) throws IOException {
    Path df = project(dir, null, null);
    Path cfg = dir.resolve("custom.yaml");
    Files.writeString(cfg, "ignore: [BW-D020]\n");
    assertThat(CliTest.run("scan", "--format", "json", "--no-fail", "--config", cfg.toString(), df.toString()).out()).doesNotContain("BW-D020");
    Files.writeString(cfg, "ignore: [oops\n");
    CliTest.Run bad = CliTest.run("scan", "--config", cfg.toString(), df.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid YAML").doesNotContain("\tat ");
  }

  @Test
  void baseline_writeThenOnlyNewFindings(@TempDir Path dir) throws IOException {
    Path df = project(dir, null, null);
    Path base = dir.resolve("baseline.json");
    assertThat(CliTest.run("scan", "--no-fail", "--format", "json=" + dir.resolve("o.json"), "--write-baseline", base.toString(), df.toString()).exit()).isZero();
    assertThat(CliTest.run("scan", "--baseline", base.toString(), df.toString()).exit()).isZero();
    Files.writeString(df, DF + "RUN curl -k https://x.example/i.sh | sh\n");
    CliTest.Run r = CliTest.run("scan", "--no-color", "--baseline", base.toString(), df.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("BW-D030", "BW-D033").doesNotContain("BW-D001");
  }

  @Test
  void everyFormat(@TempDir Path dir) throws IOException {
    Path df = project(dir, null, null);
    for (String f : new String[] {"tty", "json", "sarif", "junit", "gitlab", "checkstyle", "markdown"}) {
      Path out = dir.resolve("out." + f);
      CliTest.Run r = CliTest.run("scan", "--no-fail", "--format", f + "=" + out, df.toString());
      assertThat(r.exit()).as(f).isZero();
      assertThat(Files.readString(out)).as(f).contains("BW-D001");
    }
  }

  @Test
  void buildContext_isListedAndItsDockerignoreApplied(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\n");
    Files.writeString(dir.resolve("app.py"), "print(1)\n");
    Files.writeString(dir.resolve(".env"), "DB_PASSWORD=x\n");
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.writeString(dir.resolve(".git/config"), "[core]\n");
    CliTest.Run r = CliTest.run("scan", "--no-color", "--no-fail", dir.resolve("Dockerfile").toString());
    assertThat(r.out()).contains("BW-I001", "BW-I002", ".env", "BW-I003");
    Files.writeString(dir.resolve(".dockerignore"), ".git\n.env*\n");
    CliTest.Run clean = CliTest.run("scan", "--no-color", "--no-fail", dir.resolve("Dockerfile").toString());
    assertThat(clean.out()).doesNotContain("BW-I001", "BW-I002", "BW-I003");
    Files.writeString(dir.resolve("Dockerfile.dockerignore"), "node_modules\n");
    assertThat(CliTest.run("scan", "--no-color", "--no-fail", dir.resolve("Dockerfile").toString()).out()).contains("BW-I002", "BW-I003");
  }
}
