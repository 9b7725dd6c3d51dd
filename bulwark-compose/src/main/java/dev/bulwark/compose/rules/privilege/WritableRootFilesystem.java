package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/** BW-C008: a service whose root filesystem is writable (no {@code read_only: true}). */
public final class WritableRootFilesystem extends ComposeRule {
  public WritableRootFilesystem() {
    super("BW-C008", "Root filesystem not read-only", Severity.LOW, Category.RUNTIME,
        "A writable root filesystem lets an attacker who gets code execution drop tools, replace binaries and libraries the"
            + " service loads later, and persist until the container is recreated. With `read_only: true` only the volumes and"
            + " tmpfs mounts the service declares are writable (Kubernetes' readOnlyRootFilesystem, BW-K040). Low: hardening that"
            + " limits what an intruder keeps, not a way in (Trivy KSV014 and CIS 5.13 rate it so; the Pod Security Standards do"
            + " not require it).",
        "Set `read_only: true` and give the paths the service writes a volume or a tmpfs (`tmpfs: [/tmp, /run]`).",
        List.of("check_5_13"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlMapping.Entry e = s.body().entry("read_only");
      if (e == null) {
        report.accept(finding(target, s.displayName() + " has a writable root filesystem: no `read_only: true`", s.key(), s.name()));
      } else if (e.value() instanceof YamlScalar v && !ComposeTarget.isTrue(v) && !Fields.isVariable(v.value())) {
        report.accept(finding(target, s.displayName() + " has a writable root filesystem (`read_only: " + v.value() + "`)", e.key(), s.name()));
      }
    }
  }
}
