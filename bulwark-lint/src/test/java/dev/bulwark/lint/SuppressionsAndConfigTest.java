package dev.bulwark.lint;

import dev.bulwark.lint.rules.DockerfileRules;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ignore pragmas, .bulwark.yaml and .hadolint.yaml. */
class SuppressionsAndConfigTest {

  private static List<String> ids(String dockerfile, LintConfig config, String relativePath) {
    DockerfileTarget t = new DockerfileTarget("Dockerfile", BuildModel.of(DockerfileParser.parse(dockerfile)), config, relativePath);
    return DockerfileRules.linter().lint(t).stream().map(Finding::ruleId).toList();
  }

  private static List<String> ids(String dockerfile) {
    return ids(dockerfile, LintConfig.DEFAULT, "Dockerfile");
  }

  @Test
  void inlineIgnore_appliesToTheNextInstructionOnly() {
    String df = "FROM alpine:3.20\n# bulwark ignore=BW-D020\nRUN apk add --no-cache curl\nRUN apk add --no-cache jq\n";
    assertThat(ids(df).stream().filter("BW-D020"::equals)).hasSize(1);
  }

  @Test
  void hadolintIgnore_matchesThroughAliases_andOnlyThatManager() {
    String df = "FROM debian:12\n# hadolint ignore=DL3008,DL3015 # pinning is done upstream\n"
        + "RUN apt-get update && apt-get install -y curl && pip install flask && rm -rf /var/lib/apt/lists/*\n";
    List<String> found = ids(df);
    assertThat(found).doesNotContain("BW-D021");
    assertThat(found).contains("BW-D020"); // pip's DL3013 is not ignored
  }

  @Test
  void globalIgnore_bulwarkAndHadolint() {
    String df = "# hadolint global ignore=DL3002\n# bulwark global ignore=BW-D066\nFROM alpine:3.20\nCMD [\"x\"]\n";
    assertThat(ids(df)).doesNotContain("BW-D001", "BW-D066");
  }

  @Test
  void stageIgnore_coversTheRestOfTheStage() {
    String df = "FROM alpine:3.20 AS b\n# bulwark stage ignore=BW-D020\nRUN apk add --no-cache x\nRUN apk add --no-cache y\n"
        + "FROM alpine:3.20\nRUN apk add --no-cache z\nUSER 1\n";
    assertThat(ids(df).stream().filter("BW-D020"::equals)).hasSize(1);
  }

  @Test
  void trivyIgnore_inAllSpellings() {
    assertThat(ids("# trivy:ignore:AVD-DS-0002\nFROM alpine:3.20\n")).doesNotContain("BW-D001");
    assertThat(ids("# trivy:ignore:DS002\nFROM alpine:3.20\n")).doesNotContain("BW-D001");
  }

  @Test
  void trivyIdTooLongForANumber_isKeptAsWritten() throws Exception {
    // found by fuzzing ConfigFuzzTest#hadolintYaml: Integer.parseInt overflowed on the digits
    String digits = "2" + "1".repeat(40);
    assertThat(ids("# trivy:ignore:AVD-DS" + digits + "\nFROM alpine:3.20\n")).contains("BW-D001");
    LintConfig c = LintConfig.parseHadolint("ignored: [AVD-DS" + digits + ", DS-0002]\n", ".hadolint.yaml");
    assertThat(c.ignore()).contains("DS" + digits, "DS002");
  }

  @Test
  void config_ignoreSeverityAndPaths() throws Exception {
    LintConfig c = LintConfig.parse("""
        ignore: [DL3007]
        severity: {BW-D001: low}
        paths:
          - path: "legacy/**"
            ignore: [BW-D066]
        failOn: medium
        """, ".bulwark.yaml");
    String df = "FROM alpine:latest\nCMD [\"x\"]\n";
    DockerfileTarget t = new DockerfileTarget("legacy/a/Dockerfile", BuildModel.of(DockerfileParser.parse(df)), c, "legacy/a/Dockerfile");
    List<Finding> f = DockerfileRules.linter().lint(t);
    assertThat(f).extracting(Finding::ruleId).doesNotContain("BW-D002", "BW-D066");
    assertThat(f).filteredOn(x -> x.ruleId().equals("BW-D001")).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.LOW));
    assertThat(c.failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(ids(df, c, "src/Dockerfile")).contains("BW-D066");
  }

  @Test
  void hadolintConfig_isMapped() throws Exception {
    LintConfig c = LintConfig.parseHadolint("""
        ignored: [DL3008]
        override:
          error: [DL3015]
        trustedRegistries: [docker.io, "*.gcr.io"]
        failure-threshold: warning
        """, ".hadolint.yaml");
    assertThat(c.ignore()).contains("DL3008");
    assertThat(c.severity()).containsEntry("DL3015", Severity.HIGH);
    assertThat(c.trustedRegistries()).containsExactly("docker.io", "*.gcr.io");
    assertThat(c.failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(ids("FROM quay.io/x/y:1\nUSER 1\n", c, "Dockerfile")).contains("BW-D007");
    assertThat(ids("FROM eu.gcr.io/x/y:1\nUSER 1\n", c, "Dockerfile")).doesNotContain("BW-D007");
  }

  @Test
  void badConfigs_areClearErrors() {
    assertThatThrownBy(() -> LintConfig.parse("ignore: [a\n", "x.yaml")).hasMessageStartingWith("x.yaml: invalid YAML");
    assertThatThrownBy(() -> LintConfig.parse("colour: red\n", "x.yaml")).hasMessageContaining("unknown key 'colour'");
    assertThatThrownBy(() -> LintConfig.parse("severity: {BW-D001: extreme}\n", "x.yaml")).hasMessageContaining("unknown severity");
    assertThatThrownBy(() -> LintConfig.parse("- a\n- b\n", "x.yaml")).hasMessageContaining("mapping");
    assertThatThrownBy(() -> LintConfig.parse("a: &a [*a]\n", "x.yaml")).isInstanceOf(LintConfig.ConfigException.class);
    String bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n".repeat(1) + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    assertThatThrownBy(() -> LintConfig.parse(bomb, "bomb.yaml")).isInstanceOf(LintConfig.ConfigException.class);
    assertThatThrownBy(() -> LintConfig.parseHadolint("override: {fatal: [DL1]}\n", "h.yaml")).hasMessageContaining("unknown hadolint level");
  }
}
