package dev.bulwark.k8s;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import dev.bulwark.core.cases.RuleCaseFiles;
import dev.bulwark.k8s.rules.KubernetesRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table tests for every Kubernetes rule from {@code src/test/resources/rules/ID.cases}, the format
 * of bulwark-lint's: blocks headed {@code === fail at 3:5 7:9} (exactly one finding of the rule
 * starting at each line:column, in order) or {@code === pass}, optionally {@code config: {yaml}},
 * then the manifest. Ignore comments in the cases exercise suppressions too.
 */
class RuleCasesTest {
  private static final Path DIR = Path.of("src/test/resources/rules");

  @TestFactory
  List<DynamicTest> everyCase() throws IOException {
    return RuleCaseFiles.dynamicTests(DIR, RuleCasesTest::run);
  }

  private static void run(RuleCaseFiles.Case c) throws Exception {
    Rule<KubernetesTarget> rule = KubernetesRules.all().stream().filter(r -> r.info().id().equals(c.rule())).findFirst().orElseThrow();
    LintConfig config = c.spec().config() == null ? LintConfig.DEFAULT : LintConfig.parse(c.spec().config(), "case");
    KubernetesTarget target = KubernetesTarget.parse("case.yaml", c.body()).withConfig(config, "case.yaml");
    List<Finding> found = new Linter<>(List.of(rule)).lint(target);
    RuleCaseFiles.assertFindings(c, found);
  }

  @Test
  void everyRuleHasThreeFailingAndThreePassingCases() throws IOException {
    RuleCaseFiles.assertEveryRuleHasThreeFailingAndThreePassingCases(DIR, KubernetesRules.all().stream().map(r -> r.info().id()).toList());
    RuleCaseFiles.assertEveryFailCaseHasPositions(DIR);
  }
}
