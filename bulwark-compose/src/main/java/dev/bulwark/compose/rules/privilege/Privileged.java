package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import java.util.List;
import java.util.function.Consumer;

/** BW-C001: a privileged service. */
public final class Privileged extends ComposeRule {
  public Privileged() {
    super("BW-C001", "Privileged service", Severity.CRITICAL, Category.PRIVILEGE,
        "`privileged: true` gives the container every capability, every host device and no seccomp or AppArmor confinement: root in"
            + " it is root on the host, one `mount` away.",
        "Remove `privileged: true`; add back only the capability or device the service needs (`cap_add: [NET_ADMIN]`, `devices:`).",
        List.of("ae5b6871-7f45-42e0-bb4c-ab300c4d2026", "check_5_5"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlMapping.Entry e = s.body().entry("privileged");
      if (e != null && ComposeTarget.isTrue(e.value())) {
        report.accept(finding(target, s.displayName() + " runs privileged", e.key(), s.name()));
      }
    }
  }
}
