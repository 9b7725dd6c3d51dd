package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Finding;
import dev.bulwark.core.cases.RuleCaseFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule that covers several checks of another tool names on each finding only the ids of the check it is (KICS reports
 * a host PID namespace as 4f31dd9f, not as the network's 071a71ff), so that tools' results match finding for finding.
 */
class OccurrenceAliasesTest {

  private static List<Finding> lint(String rule, String compose) throws Exception {
    return ComposeRules.linter().lint(ComposeTarget.parse("compose.yaml", compose)).stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void eachHostNamespaceIsItsOwnKicsQueryAndBenchmarkCheck() throws Exception {
    List<Finding> found = lint("BW-C007", "services:\n  a:\n    network_mode: host\n    pid: host\n    uts: host\n");
    assertThat(found).extracting(Finding::aliases).containsExactly(List.of("071a71ff-f868-47a4-ac0b-3c59e4ab5443", "check_5_10"),
        List.of("4f31dd9f-2cc3-4751-9b53-67e4af83dac0", "check_5_16"), List.of("check_5_21"));
  }

  @Test
  void noSecurityOptAtAllAndOneWithoutNoNewPrivilegesAreTwoKicsQueries() throws Exception {
    assertThat(lint("BW-C005", "services:\n  a:\n    image: a:1\n").get(0).aliases())
        .containsExactly("610e266e-6c12-4bca-9925-1ed0cd29742b", "check_5_26");
    assertThat(lint("BW-C005", "services:\n  a:\n    security_opt: [apparmor:x]\n").get(0).aliases())
        .containsExactly("27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "check_5_26");
  }

  @Test
  void onlyTheMissingLimitsIdsAreNamed() throws Exception {
    assertThat(lint("BW-C016", "services:\n  a:\n    mem_limit: 1g\n").get(0).aliases())
        .containsExactly("221e0658-cb2a-44e3-b08a-db96a341d6fa", "check_5_29");
    assertThat(lint("BW-C016", "services:\n  a:\n    pids_limit: 10\n").get(0).aliases())
        .containsExactly("bb9ac4f7-e13b-423d-a010-c74a1bfbe492", "check_5_11");
  }

  @Test
  void kicsMatchesOnlyTheDockerSocketAndPortsWithoutADottedHostIp() throws Exception {
    assertThat(lint("BW-C009", "services:\n  a:\n    volumes: [/run/containerd/containerd.sock:/c.sock]\n").get(0).aliases())
        .containsExactly("check_5_32");
    assertThat(lint("BW-C013", "services:\n  a:\n    ports: [\"0.0.0.0:80:80\", \"81:81\"]\n")).extracting(Finding::aliases)
        .containsExactly(List.of("check_5_14"), List.of("451d79dc-0588-476a-ad03-3c7f0320abb3", "check_5_14"));
  }

  @Test
  void everyFindingOfEveryCaseNamesOnlyAliasesOfItsRule() throws Exception {
    for (Path f : RuleCaseFiles.files(Path.of("src/test/resources/rules"))) {
      for (RuleCaseFiles.Case c : RuleCaseFiles.load(f)) {
        for (Finding x : ComposeRules.linter().lint(ComposeTarget.parse("compose.yaml", c.body()))) {
          assertThat(x.rule().aliases()).as(c.name() + " " + x.ruleId()).containsAll(x.aliases());
        }
      }
    }
  }
}
