package dev.bulwark.compose.rules.resources;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C016: no memory limit ({@code mem_limit}, {@code deploy.resources.limits.memory}), medium, or no PIDs limit
 * ({@code pids_limit}, {@code deploy.resources.limits.pids}), low; one finding per service naming what is missing.
 */
public final class NoLimits extends ComposeRule {
  public NoLimits() {
    super("BW-C016", "Memory or PIDs limit missing", Severity.LOW, Category.RELIABILITY,
        "Without a memory limit one service (a leak, a large query, an attacker's input) can take the host's memory until the"
            + " kernel's OOM killer stops something else; without a PIDs limit a fork bomb in it exhausts the host's process table."
            + " Both are one compromised or buggy container taking down every other on the host (Kubernetes: BW-K042).",
        "Set `mem_limit: 512m` and `pids_limit: 256` (or `deploy.resources.limits: {memory: 512M, pids: 256}`), sized from what"
            + " the service uses under load.",
        List.of("bb9ac4f7-e13b-423d-a010-c74a1bfbe492", "221e0658-cb2a-44e3-b08a-db96a341d6fa", "check_5_11", "check_5_29"));
  }

  private static final List<String> MEMORY = List.of("bb9ac4f7-e13b-423d-a010-c74a1bfbe492", "check_5_11");
  private static final List<String> PIDS = List.of("221e0658-cb2a-44e3-b08a-db96a341d6fa", "check_5_29");

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlMapping limits = Fields.limits(s.body());
      boolean memory = Fields.isLimit(s.body().get("mem_limit")) || limits != null && Fields.isLimit(limits.get("memory"));
      boolean pids = Fields.isLimit(s.body().get("pids_limit")) || limits != null && Fields.isLimit(limits.get("pids"));
      if (memory && pids) {
        continue;
      }
      String missing = !memory && !pids ? "no memory or PIDs limit" : !memory ? "no memory limit" : "no PIDs limit";
      List<String> ids = !memory && !pids ? info().aliases() : !memory ? MEMORY : PIDS;
      report.accept(finding(target, Severity.LOW, s.displayName() + " has " + missing, s.key(), s.name(), ids));
    }
  }
}
