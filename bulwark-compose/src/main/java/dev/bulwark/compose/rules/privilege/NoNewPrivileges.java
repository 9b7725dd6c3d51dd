package dev.bulwark.compose.rules.privilege;

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
 * BW-C005: no {@code no-new-privileges} in {@code security_opt}. Docker takes {@code no-new-privileges},
 * {@code no-new-privileges:true} and {@code no-new-privileges=true} (KICS only the second).
 */
public final class NoNewPrivileges extends ComposeRule {
  public NoNewPrivileges() {
    super("BW-C005", "no-new-privileges not set", Severity.MEDIUM, Category.PRIVILEGE,
        "Without `no-new-privileges`, a process in the container can gain privileges through a setuid or setgid binary or file"
            + " capabilities (su, sudo, ping, a planted one): a non-root user becomes root. With it the kernel refuses (the"
            + " Compose form of Kubernetes' `allowPrivilegeEscalation: false`). Privileged services (BW-C001) are not reported again.",
        "Add `security_opt: [\"no-new-privileges:true\"]`.",
        List.of("27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "610e266e-6c12-4bca-9925-1ed0cd29742b", "check_5_26"));
  }

  private static final List<String> NO_SECURITY_OPT = List.of("610e266e-6c12-4bca-9925-1ed0cd29742b", "check_5_26");
  private static final List<String> NOT_IN_SECURITY_OPT = List.of("27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "check_5_26");

  /** {@code true}, {@code 1}, {@code yes}…: how Docker's {@code strconv.ParseBool} and compose-go read the value. */
  private static boolean isTrue(String v) {
    String x = v.toLowerCase(java.util.Locale.ROOT);
    return x.equals("true") || x.equals("1") || x.equals("t") || x.equals("yes") || x.equals("y") || x.equals("on");
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      if (Fields.isPrivileged(s)) {
        continue;
      }
      Fields.Opt set = null;
      for (Fields.Opt o : Fields.securityOpts(s)) {
        if (o.name().equals("no-new-privileges")) {
          set = o;
        }
      }
      if (set == null) {
        YamlMapping.Entry opts = s.body().entry("security_opt");
        // KICS has one query for no security_opt at all and one for a security_opt without it
        report.accept(finding(target, info().severity(), s.displayName() + " does not set `no-new-privileges`: setuid binaries can"
            + " raise privileges", opts == null ? s.key() : opts.key(), s.name(), opts == null ? NO_SECURITY_OPT : NOT_IN_SECURITY_OPT));
      } else if (!set.value().isEmpty() && !Fields.isVariable(set.value()) && !isTrue(set.value())) {
        report.accept(finding(target, s.displayName() + " turns `no-new-privileges` off (" + set.node().value() + ")", set.node(), s.name()));
      }
    }
  }
}
