package dev.bulwark.lint;

import dev.bulwark.core.Finding;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Purpose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.bulwark.core.cases.RuleCases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table tests for every rule from {@code src/test/resources/rules/ID.cases}: blocks headed
 * {@code === fail at 2:5 3:1} (the rule reports exactly once per position, each finding
 * starting at that line:column, in file order) or {@code === pass} (it reports nothing),
 * optionally with {@code severity: low} (every finding of the case has it), {@code config: {yaml}} for .bulwark.yaml
 * settings (a {@code purpose:} there judges the case as that kind of image) and {@code context: {yaml}}
 * for the build context. Pragmas in the cases exercise suppressions too.
 */
class RuleCasesTest {
  private static final Path DIR = Path.of("src/test/resources/rules");
  /** {@code positions} are the expected findings' starts as "line:column", empty when not given. */
  record Case(String rule, boolean fail, List<String> positions, String severity, String config, String context, String dockerfile,
      int index) {}

  static List<Case> load(Path file) throws IOException {
    String rule = file.getFileName().toString().replace(".cases", "");
    return RuleCases.parse(Files.readString(file, StandardCharsets.UTF_8)).stream()
        .map(c -> new Case(rule, c.fail(), c.positions(), c.severity(), c.config(), c.context(), c.body(), c.index())).toList();
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
    }
  }

  @TestFactory
  List<DynamicTest> everyCase() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files()) {
      for (Case c : load(f)) {
        tests.add(DynamicTest.dynamicTest(c.rule() + " " + (c.fail() ? "fail" : "pass") + " #" + c.index(), () -> run(c)));
      }
    }
    return tests;
  }

  private static void run(Case c) throws Exception {
    Rule<DockerfileTarget> rule = DockerfileRules.all().stream().filter(r -> r.info().id().equals(c.rule())).findFirst().orElseThrow();
    LintConfig config = c.config() == null ? LintConfig.DEFAULT : LintConfig.parse(c.config(), "case");
    if (config.purpose() == null && !c.dockerfile().contains("bulwark purpose=")) {
      // a case is a few lines, which inference would often call a base image: cases judge application images unless they say otherwise
      config = config.withPurpose(Purpose.APPLICATION);
    }
    DockerfileTarget target = new DockerfileTarget("Dockerfile", BuildModel.of(DockerfileParser.parse(c.dockerfile())), config, "Dockerfile");
    target = target.asOf(java.time.LocalDate.parse("2026-11-23")); // EOL cases are judged on a fixed date
    if (c.context() != null) {
      target = target.withContext(context(c.context()));
    }
    List<Finding> found = new Linter<>(List.of(rule)).lint(target).stream().filter(f -> f.ruleId().equals(c.rule())).toList();
    if (!c.fail()) {
      assertThat(found).as("%s should not report on:%n%s", c.rule(), c.dockerfile()).isEmpty();
      return;
    }
    List<String> at = found.stream()
        .sorted(Comparator.comparingInt((Finding f) -> f.span().startLine()).thenComparingInt(f -> f.span().startColumn()))
        .map(f -> f.span().startLine() + ":" + f.span().startColumn())
        .toList();
    assertThat(at).as("%s findings (line:column) on:%n%s%s", c.rule(), c.dockerfile(), found).isEqualTo(c.positions());
    if (c.severity() != null) {
      assertThat(found).as("%s severity on:%n%s", c.rule(), c.dockerfile())
          .allSatisfy(f -> assertThat(f.severity().label()).isEqualTo(c.severity()));
    }
  }

  /**
   * {@code {ignore: "text of .dockerignore", files: [a, b/], assumed: "which context", elsewhere: "../.dockerignore"}}; no ignore
   * key means no .dockerignore; assumed and elsewhere as the scanner's context root gives them.
   */
  @SuppressWarnings("unchecked")
  static BuildContext context(String yaml) {
    Map<String, Object> m = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    Object ignore = m.get("ignore");
    List<String> files = (List<String>) m.getOrDefault("files", List.of());
    return new BuildContext(ignore == null ? null : ".dockerignore", ignore == null ? null : DockerIgnore.parse(ignore.toString()),
        List.copyOf(files), false, (String) m.get("assumed"), (String) m.get("elsewhere"));
  }

  @Test
  void everyFailCaseSaysWhereEachFindingIs() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path f : files()) {
      for (Case c : load(f)) {
        if (c.fail() && c.positions().isEmpty()) {
          missing.add(c.rule() + " #" + c.index());
        }
      }
    }
    assertThat(missing).as("fail cases without 'at line:column'").isEmpty();
  }

  @Test
  void everyRuleHasThreePositiveAndThreeNegativeCases() throws IOException {
    for (Rule<DockerfileTarget> r : DockerfileRules.all()) {
      Path f = DIR.resolve(r.info().id() + ".cases");
      assertThat(f).as("cases for " + r.info().id()).exists();
      List<Case> cases = load(f);
      assertThat(cases.stream().filter(Case::fail).count()).as(r.info().id() + " failing cases").isGreaterThanOrEqualTo(3);
      assertThat(cases.stream().filter(c -> !c.fail()).count()).as(r.info().id() + " passing cases").isGreaterThanOrEqualTo(3);
    }
  }
}
