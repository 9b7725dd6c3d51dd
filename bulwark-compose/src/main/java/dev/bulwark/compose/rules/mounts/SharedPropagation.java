package dev.bulwark.compose.rules.mounts;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Mount;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.function.Consumer;

/** BW-C011: a bind mount with shared (or rshared) propagation, so mounts made in the container appear on the host. */
public final class SharedPropagation extends ComposeRule {
  public SharedPropagation() {
    super("BW-C011", "Mount propagation shared with the host", Severity.MEDIUM, Category.PRIVILEGE,
        "With `shared`/`rshared` propagation, a mount the container makes under the bind mount appears on the host (and in every"
            + " other container that shares it): a compromised container can mount over host paths. Docker's default is"
            + " `rprivate`. `slave`/`rslave` only receive the host's mounts and are not reported.",
        "Remove the propagation option, or use `rslave` when the service only needs to see mounts the host makes later.",
        List.of("baa452f0-1f21-4a25-ace5-844e7a5f410d", "check_5_20"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      for (Mount m : Mount.of(target, s)) {
        if (m.propagation() != null && (m.propagation().equals("shared") || m.propagation().equals("rshared"))) {
          report.accept(finding(target, s.displayName() + " mounts " + (m.source() == null ? m.target() : m.source()) + " with "
              + m.propagation() + " propagation: its mounts reach the host", m.node(), s.name()));
        }
      }
    }
  }
}
