package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import dev.bulwark.compose.rules.ComposeRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.bulwark.core.cases.RuleCases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table tests for every Compose rule from {@code src/test/resources/rules/ID.cases}, the format
 * of bulwark-lint's: blocks headed {@code === fail at 3:5 7:9} (exactly one finding of the rule
 * starting at each line:column, in order) or {@code === pass}, optionally {@code severity: low} (every finding of the
 * case has it) and {@code config: {yaml}},
 * then the Compose file. Ignore comments in the cases exercise suppressions too.
 */
class RuleCasesTest {
  private static final Path DIR = Path.of("src/test/resources/rules");
  record Case(String rule, boolean fail, List<String> positions, String severity, String config, String compose, int index) {}

  static List<Case> load(Path file) throws IOException {
    String rule = file.getFileName().toString().replace(".cases", "");
    return RuleCases.parse(Files.readString(file, StandardCharsets.UTF_8)).stream()
        .map(c -> new Case(rule, c.fail(), c.positions(), c.severity(), c.config(), c.body(), c.index())).toList();
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
    Rule<ComposeTarget> rule = ComposeRules.all().stream().filter(r -> r.info().id().equals(c.rule())).findFirst().orElseThrow();
    LintConfig config = c.config() == null ? LintConfig.DEFAULT : LintConfig.parse(c.config(), "case");
    ComposeTarget target = ComposeTarget.parse("compose.yaml", c.compose()).withConfig(config, "compose.yaml");
    List<Finding> found = new Linter<>(List.of(rule)).lint(target);
    if (!c.fail()) {
      assertThat(found).as("%s should not report on:%n%s", c.rule(), c.compose()).isEmpty();
      return;
    }
    List<String> at = found.stream().map(f -> f.span().startLine() + ":" + f.span().startColumn()).toList();
    assertThat(at).as("%s findings (line:column) on:%n%s%s", c.rule(), c.compose(), found).isEqualTo(c.positions());
    if (c.severity() != null) {
      assertThat(found).as("%s severity on:%n%s", c.rule(), c.compose())
          .allSatisfy(f -> assertThat(f.severity().label()).isEqualTo(c.severity()));
    }
  }

  @Test
  void everyRuleHasThreeFailingAndThreePassingCases() throws IOException {
    for (Rule<ComposeTarget> r : ComposeRules.all()) {
      Path f = DIR.resolve(r.info().id() + ".cases");
      assertThat(f).as("cases for " + r.info().id()).exists();
      List<Case> cases = load(f);
      assertThat(cases.stream().filter(Case::fail).count()).as(r.info().id() + " failing cases").isGreaterThanOrEqualTo(3);
      assertThat(cases.stream().filter(c -> !c.fail()).count()).as(r.info().id() + " passing cases").isGreaterThanOrEqualTo(3);
      assertThat(cases.stream().filter(c -> c.fail() && c.positions().isEmpty())).as(r.info().id() + " fail cases without positions").isEmpty();
    }
  }
}
