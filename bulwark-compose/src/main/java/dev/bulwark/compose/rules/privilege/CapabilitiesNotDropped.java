package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.function.Consumer;

/** BW-C003: a service that does not drop every capability ({@code cap_drop: [ALL]}). */
public final class CapabilitiesNotDropped extends ComposeRule {
  public CapabilitiesNotDropped() {
    super("BW-C003", "Capabilities not dropped (cap_drop: [ALL])", Severity.MEDIUM, Category.PRIVILEGE,
        "Without `cap_drop: [ALL]` the container keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW,"
            + " MKNOD…): root in it can read and write any file it sees, change owners, send raw packets on its network. Most"
            + " services need none of them. Privileged services (BW-C001) are not reported again.",
        "Add `cap_drop: [ALL]` and add back in `cap_add` only what the service needs, with a comment (NET_BIND_SERVICE for a port"
            + " below 1024; CHOWN/SETUID/SETGID for an entrypoint that drops to a user).",
        List.of("ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "check_5_4"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      if (Fields.isPrivileged(s) || dropsAll(s)) {
        continue;
      }
      YamlMapping.Entry drop = s.body().entry("cap_drop");
      String message = drop == null ? s.displayName() + " keeps Docker's default capabilities: no `cap_drop: [ALL]`"
          : s.displayName() + " drops some capabilities but not ALL";
      // a non-root process has no effective capabilities (it can regain them only through setuid or file capabilities)
      Severity severity = runsAsNonRoot(s) ? Severity.LOW : info().severity();
      report.accept(finding(target, severity, message + (severity == Severity.LOW ? " (it runs as a non-root user, which holds none of"
          + " them unless a setuid program gives them back)" : ""), drop == null ? s.key() : drop.key(), s.name()));
    }
  }

  private static boolean runsAsNonRoot(ComposeService s) {
    YamlScalar user = Fields.scalar(s.body(), "user");
    String v = user == null ? "" : user.value().strip();
    return !v.isEmpty() && !Fields.isVariable(v) && !dev.bulwark.core.user.UserSpec.isRoot(v);
  }

  static boolean dropsAll(ComposeService s) {
    for (YamlScalar cap : Fields.strings(s.body(), "cap_drop")) {
      if (CapabilityAdded.normalize(cap.value()).equals("ALL") || Fields.isVariable(cap.value())) {
        return true;
      }
    }
    return false;
  }
}
