package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Finding;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loading a project as docker compose does: interpolation with .env, extends, -f merging, and findings in the right file. */
class ComposeProjectTest {

  private static ComposeProject load(Map<String, String> files, Map<String, String> env, String dotEnv, String... order) throws ComposeException {
    List<ComposeProject.Source> sources = java.util.Arrays.stream(order).map(p -> new ComposeProject.Source(p, files.get(p))).toList();
    ComposeProject.Resolver resolver = (from, file) -> {
      String text = files.get(file);
      if (text == null) {
        throw new IOException("no such file");
      }
      return new ComposeProject.Source(file, text);
    };
    return ComposeProject.load(sources, env, dotEnv == null ? null : new ComposeProject.Source(".env", dotEnv), resolver);
  }

  /** A compact, order-preserving rendering of a node: {a: x, b: [1, 2]}. */
  static String show(YamlNode n) {
    if (n instanceof YamlMapping m) {
      return m.entries().stream().map(e -> e.key().value() + ": " + show(e.value())).collect(Collectors.joining(", ", "{", "}"));
    }
    if (n instanceof YamlSequence s) {
      return s.items().stream().map(ComposeProjectTest::show).collect(Collectors.joining(", ", "[", "]"));
    }
    return ((YamlScalar) n).value();
  }

  private static String service(ComposeProject p, String name) {
    return show(p.model().mapping("services").get(name));
  }

  @Test
  void interpolatesValuesFromTheEnvironmentOverDotEnvKeepingTheirSpans() throws Exception {
    String compose = """
        services:
          web:
            image: "nginx:${TAG:-latest}"
            ports: ["${BIND}:${PORT}:80"]
            environment:
              $$KEY: ${UNSET}
        """;
    ComposeProject p = load(Map.of("compose.yaml", compose), Map.of("PORT", "8443"), "BIND=127.0.0.1\nPORT=80\nTAG=1.25\n", "compose.yaml");
    assertThat(service(p, "web")).isEqualTo("{image: nginx:1.25, ports: [127.0.0.1:8443:80], environment: {$$KEY: }}");
    YamlScalar image = p.model().mapping("services").mapping("web").scalar("image");
    assertThat(image.span().startLine()).isEqualTo(3);
    assertThat(image.span().startColumn()).isEqualTo(12);
    assertThat(p.warnings()).extracting(Object::toString).containsExactly("compose.yaml:6:14: the variable UNSET is not set: it is read as an empty string");
  }

  @Test
  void aMissingRequiredVariableIsOneErrorAtItsValue() {
    String compose = "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it in .env}\n";
    assertThatThrownBy(() -> load(Map.of("compose.yaml", compose), Map.of(), null, "compose.yaml")).isInstanceOf(ComposeException.class)
        .hasMessage("compose.yaml:5:26: required variable DB_PASSWORD is missing a value: set it in .env");
  }

  @Test
  void anAliasedNodeIsInterpolatedOnce() throws Exception {
    String compose = "x-base: &base\n  image: \"app:${V}\"\nservices:\n  a: *base\n  b:\n    <<: *base\n    user: \"1000\"\n";
    ComposeProject p = load(Map.of("compose.yaml", compose), Map.of("V", "2"), null, "compose.yaml");
    assertThat(service(p, "a")).isEqualTo("{image: app:2}");
    assertThat(service(p, "b")).isEqualTo("{user: 1000, image: app:2}");
  }

  @Test
  void mergesFilesAsDockerComposeDoes() throws Exception {
    String base = """
        services:
          web:
            image: web:1
            command: [serve, --port, "80"]
            environment: [A=1, B=2]
            labels: {team: a}
            ports: ["80:80"]
            volumes: ["data:/data", "./conf:/etc/conf:ro"]
            cap_add: [NET_ADMIN]
            healthcheck: {test: [CMD, a], interval: 10s}
            networks: [front]
            secrets: [token]
            dns: 8.8.8.8
            logging: {driver: json-file, options: {max-size: 1m}}
        """;
    String over = """
        services:
          web:
            image: web:2
            command: [serve]
            environment: {B: "3", C: "4"}
            labels: [owner=b]
            ports: ["80:80", "127.0.0.1:9090:9090"]
            volumes: ["other:/data"]
            cap_add: [NET_ADMIN, SYS_TIME]
            healthcheck: {test: [CMD, b]}
            networks: {back: {aliases: [w]}}
            secrets: [{source: other, target: token}]
            dns: [1.1.1.1]
            logging: {driver: syslog}
          extra:
            image: extra
        """;
    ComposeProject p = load(Map.of("compose.yaml", base, "compose.override.yaml", over), Map.of(), null, "compose.yaml", "compose.override.yaml");
    assertThat(service(p, "web")).isEqualTo("{image: web:2, command: [serve], environment: [A=1, B=3, C=4], labels: [team=a, owner=b],"
        + " ports: [80:80, 127.0.0.1:9090:9090], volumes: [other:/data, ./conf:/etc/conf:ro], cap_add: [NET_ADMIN, SYS_TIME],"
        + " healthcheck: {test: [CMD, b], interval: 10s}, networks: {front: , back: {aliases: [w]}}, secrets: [{source: other, target: token}],"
        + " dns: [8.8.8.8, 1.1.1.1], logging: {driver: syslog}}");
    assertThat(service(p, "extra")).isEqualTo("{image: extra}");
  }

  @Test
  void resetAndOverrideTags() throws Exception {
    String base = "services:\n  web:\n    image: w\n    ports: [\"80:80\"]\n    environment: {A: \"1\", B: \"2\"}\n";
    String over = "services:\n  web:\n    ports: !reset []\n    environment: !override {C: \"3\"}\n";
    ComposeProject p = load(Map.of("a.yaml", base, "b.yaml", over), Map.of(), null, "a.yaml", "b.yaml");
    assertThat(service(p, "web")).isEqualTo("{image: w, environment: {C: 3}}");
  }

  @Test
  void extendsInTheSameFileAndAnother() throws Exception {
    String common = "services:\n  base:\n    image: base:1\n    read_only: true\n    environment: [A=1]\n";
    String compose = """
        services:
          app:
            extends: {file: common.yaml, service: base}
            environment: [B=2]
          worker:
            extends: app
            command: work
        """;
    ComposeProject p = load(Map.of("compose.yaml", compose, "common.yaml", common), Map.of(), null, "compose.yaml");
    assertThat(service(p, "app")).isEqualTo("{image: base:1, read_only: true, environment: [A=1, B=2]}");
    assertThat(service(p, "worker")).isEqualTo("{image: base:1, read_only: true, environment: [A=1, B=2], command: work}");
    assertThat(p.targets()).extracting(ComposeTarget::path).containsExactly("compose.yaml", "common.yaml");
  }

  @Test
  void extendsErrorsSayWhere() {
    String cycle = "services:\n  a:\n    extends: b\n  b:\n    extends: a\n";
    assertThatThrownBy(() -> load(Map.of("c.yaml", cycle), Map.of(), null, "c.yaml")).hasMessage("c.yaml:3:5: service a extends itself (a cycle of extends)");
    String missing = "services:\n  a:\n    extends: {file: nope.yaml, service: x}\n";
    assertThatThrownBy(() -> load(Map.of("c.yaml", missing), Map.of(), null, "c.yaml")).hasMessage("c.yaml:3:5: extends: cannot read nope.yaml: no such file");
    String noService = "services:\n  a:\n    extends: ghost\n";
    assertThatThrownBy(() -> load(Map.of("c.yaml", noService), Map.of(), null, "c.yaml")).hasMessage("c.yaml:3:5: extends: there is no service ghost in this file");
  }

  @Test
  void eachFileReportsTheFindingsOnItsOwnLines() throws Exception {
    String base = "services:\n  web:\n    image: w\n  db:\n    image: d\n    privileged: true\n";
    String over = "services:\n  web:\n    privileged: \"${PRIV:-yes}\"\n";
    Map<String, String> files = new HashMap<>(Map.of("compose.yaml", base, "compose.override.yaml", over));
    ComposeProject p = load(files, Map.of(), null, "compose.yaml", "compose.override.yaml");
    List<Finding> inBase = ComposeRules.linter().lint(p.target("compose.yaml"));
    List<Finding> inOver = ComposeRules.linter().lint(p.target("compose.override.yaml"));
    // privileged is where each file says it; the "missing setting" rules point at the service keys of the base file
    assertThat(inBase).filteredOn(f -> f.ruleId().equals("BW-C001")).extracting(f -> f.span().startLine() + ":" + f.stage()).containsExactly("6:db");
    assertThat(inOver).filteredOn(f -> f.ruleId().equals("BW-C001")).extracting(f -> f.span().startLine() + ":" + f.stage()).containsExactly("3:web");
    assertThat(inBase).filteredOn(f -> f.ruleId().equals("BW-C008")).extracting(f -> f.span().startLine() + ":" + f.stage()).containsExactly("2:web", "4:db");
    assertThat(inOver).extracting(Finding::ruleId).containsExactly("BW-C001");
  }

  @Test
  void aFirstFileThatIsNotComposeIsNoProject() throws Exception {
    ComposeProject p = load(Map.of("ci.yaml", "stages: [a]\nservices: [docker:dind]\n"), Map.of(), null, "ci.yaml");
    assertThat(p.isCompose()).isFalse();
    assertThat(p.target("ci.yaml").isCompose()).isFalse();
  }
}
