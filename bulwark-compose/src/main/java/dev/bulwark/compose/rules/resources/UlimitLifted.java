package dev.bulwark.compose.rules.resources;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C018: an {@code nproc} ulimit lifted (-1 or unlimited) on a service with no PIDs limit: nothing then bounds its
 * processes. {@code nofile} and {@code memlock} (Elasticsearch needs it; the memory cgroup still bounds locked memory) are
 * not reported.
 */
public final class UlimitLifted extends ComposeRule {
  public UlimitLifted() {
    super("BW-C018", "Process ulimit lifted without a PIDs limit", Severity.LOW, Category.RELIABILITY,
        "RLIMIT_NPROC counts the processes of the uid across the whole host; `nproc: -1` removes it, and without `pids_limit`"
            + " nothing else stops a fork bomb in the container from filling the host's process table.",
        "Keep the default `nproc`, or set `pids_limit` (BW-C016) so the PIDs cgroup bounds the service.",
        List.of("check_5_19"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlMapping ulimits = s.body().mapping("ulimits");
      if (ulimits == null || hasPidsLimit(s.body())) {
        continue;
      }
      YamlMapping.Entry e = ulimits.entry("nproc");
      if (e != null && lifted(e.value())) {
        report.accept(finding(target, s.displayName() + " lifts the nproc ulimit and sets no `pids_limit`", e.key(), s.name()));
      }
    }
  }

  private static boolean hasPidsLimit(YamlMapping body) {
    YamlMapping limits = Fields.limits(body);
    return Fields.isLimit(body.get("pids_limit")) || limits != null && Fields.isLimit(limits.get("pids"));
  }

  /** {@code nproc: -1}, {@code nproc: unlimited} or a soft or hard value of those. */
  private static boolean lifted(YamlNode n) {
    if (n instanceof YamlScalar s) {
      return s.value().strip().equals("-1") || s.value().strip().equalsIgnoreCase("unlimited");
    }
    if (n instanceof YamlMapping m) {
      return lifted(m.get("soft")) || lifted(m.get("hard"));
    }
    return false;
  }
}
