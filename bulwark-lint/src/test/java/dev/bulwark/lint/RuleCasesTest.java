package dev.bulwark.lint;

import dev.bulwark.core.Finding;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Purpose;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import dev.bulwark.core.cases.RuleCaseFiles;
import java.nio.file.Path;
import java.util.List;
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

  @TestFactory
  List<DynamicTest> everyCase() throws IOException {
    return RuleCaseFiles.dynamicTests(DIR, RuleCasesTest::run);
  }

  private static void run(RuleCaseFiles.Case c) throws Exception {
    Rule<DockerfileTarget> rule = DockerfileRules.all().stream().filter(r -> r.info().id().equals(c.rule())).findFirst().orElseThrow();
    LintConfig config = c.spec().config() == null ? LintConfig.DEFAULT : LintConfig.parse(c.spec().config(), "case");
    if (config.purpose() == null && !c.body().contains("bulwark purpose=")) {
      // a case is a few lines, which inference would often call a base image: cases judge application images unless they say otherwise
      config = config.withPurpose(Purpose.APPLICATION);
    }
    DockerfileTarget target = new DockerfileTarget("Dockerfile", BuildModel.of(DockerfileParser.parse(c.body())), config, "Dockerfile");
    target = target.asOf(java.time.LocalDate.parse("2026-11-23")); // EOL cases are judged on a fixed date
    if (c.spec().context() != null) {
      target = target.withContext(context(c.spec().context()));
    }
    List<Finding> found = new Linter<>(List.of(rule)).lint(target).stream().filter(f -> f.ruleId().equals(c.rule())).toList();
    RuleCaseFiles.assertFindings(c, found);
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
    RuleCaseFiles.assertEveryFailCaseHasPositions(DIR);
  }

  @Test
  void everyRuleHasThreePositiveAndThreeNegativeCases() throws IOException {
    RuleCaseFiles.assertEveryRuleHasThreeFailingAndThreePassingCases(DIR, DockerfileRules.all().stream().map(r -> r.info().id()).toList());
  }
}
