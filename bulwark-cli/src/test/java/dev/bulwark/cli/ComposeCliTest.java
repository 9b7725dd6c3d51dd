package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark scan} over Compose projects: a file, its override and .env read as docker compose reads them; bad input is one error. */
class ComposeCliTest {

  @Test
  void scanReadsTheOverrideAndDotEnv_andNamesTheFileEachFindingIsIn(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n    privileged: ${WEB_PRIV:-false}\n");
    Files.writeString(dir.resolve("compose.override.yaml"), "services:\n  web:\n    ports: [\"8080:80\"]\n  debug:\n    image: busybox:1.36\n    privileged: true\n");
    Files.writeString(dir.resolve(".env"), "WEB_PRIV=true\n");

    CliTest.Run r = CliTest.run("scan", dir.toString(), "--format", "json");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    String json = r.out();
    assertThat(json).contains(dir.resolve("compose.yaml").toString(), dir.resolve("compose.override.yaml").toString());
    assertThat(json.split("\"BW-C001\"", -1)).hasSize(3); // one in each file: web's (from .env) and debug's
    CliTest.Run tty = CliTest.run("scan", dir.resolve("compose.override.yaml").toString(), "--no-color");
    assertThat(tty.out()).contains("compose.override.yaml", "6:5", "BW-C001").doesNotContain("compose.yaml:4");
  }

  @Test
  void aComposeFileThatCannotBeLoadedIsOneErrorAndTheOthersAreScanned(@TempDir Path dir) throws IOException {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("docker-compose.yml"), "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASS_FOR_CLI_TEST:?set PG_PASS}\n");
    Path good = Files.createDirectories(dir.resolve("good"));
    Files.writeString(good.resolve("compose.yaml"), "services:\n  web: {image: nginx:1.27, privileged: true}\n");

    CliTest.Run r = CliTest.run("scan", dir.toString(), "--no-color");

    assertThat(r.out() + r.err()).contains("line 5, column 26: required variable PG_PASS_FOR_CLI_TEST is missing a value: set PG_PASS")
        .contains(good.resolve("compose.yaml").toString(), "BW-C001").doesNotContain("Exception", "\tat ");
  }
}
