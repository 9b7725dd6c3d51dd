package dev.bulwark.compose.rules.resources;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/** BW-C019: {@code cgroup_parent} set: the container's resources are accounted under a cgroup Docker does not manage. */
public final class CgroupParent extends ComposeRule {
  public CgroupParent() {
    super("BW-C019", "Custom cgroup parent", Severity.LOW, Category.RUNTIME,
        "With `cgroup_parent` the container's cgroup is placed under one chosen on the host instead of Docker's: the limits"
            + " that apply are that cgroup's, which this file does not show, and a parent shared with host services lets the"
            + " container compete with (or starve) them.",
        "Remove `cgroup_parent` unless the host's cgroup layout is deliberately set up for it; set the limits on the service.",
        List.of("4d9f44c6-2f4a-4317-9bb5-267adbea0232", "check_5_25"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlScalar p = Fields.scalar(s.body(), "cgroup_parent");
      if (p != null && !p.value().isBlank()) {
        report.accept(finding(target, s.displayName() + " runs under the host cgroup " + p.value().strip(), p, s.name()));
      }
    }
  }
}
