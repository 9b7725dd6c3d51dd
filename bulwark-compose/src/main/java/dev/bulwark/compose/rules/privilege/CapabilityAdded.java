package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** BW-C002: a capability added beyond Docker's default set, at a severity by what it allows. */
public final class CapabilityAdded extends ComposeRule {
  /** Docker's default set (docker-bench 5.4, PSS baseline): adding these back after {@code cap_drop: [ALL]} is fine. */
  static final Set<String> DEFAULT_SET = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
      "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  /** A short step from the host: mounting, loading modules, raw I/O, tracing or reading any file, eBPF, the LSM itself. */
  static final Set<String> ESCAPE = Set.of("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "DAC_READ_SEARCH", "BPF",
      "MAC_ADMIN", "MAC_OVERRIDE", "SYS_BOOT");
  /** Powers over the container's own network namespace, the clock or the kernel log: host-wide only in a shared namespace. */
  static final Set<String> MEDIUM = Set.of("NET_ADMIN", "SYS_TIME", "SYSLOG", "PERFMON", "LINUX_IMMUTABLE", "AUDIT_CONTROL");

  public CapabilityAdded() {
    super("BW-C002", "Capability added beyond the default set", Severity.HIGH, Category.PRIVILEGE,
        "SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, SYS_RAWIO or ALL hand the container kernel powers that are a short step"
            + " from escaping to the host (mounting, loading modules, tracing other processes, reading any file by handle). NET_ADMIN,"
            + " SYS_TIME and the like reach beyond the container only through a namespace shared with the host (NET_ADMIN with"
            + " `network_mode: host` reconfigures the host's network); the rest widen the kernel surface.",
        "Remove the capability from `cap_add`, or replace it with the narrow one the service needs; start from `cap_drop: [ALL]`"
            + " and add back only what is required (often NET_BIND_SERVICE).",
        List.of("ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "check_5_4"));
  }

  /** {@code cap_net_admin}, {@code CAP_NET_ADMIN} and {@code NET_ADMIN} are one capability to Docker. */
  static String normalize(String cap) {
    String c = cap.strip().toUpperCase(Locale.ROOT);
    return c.startsWith("CAP_") ? c.substring(4) : c;
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      boolean hostNetwork = "host".equals(s.body().string("network_mode"));
      for (YamlScalar cap : Fields.strings(s.body(), "cap_add")) {
        String c = normalize(cap.value());
        if (DEFAULT_SET.contains(c) || Fields.isVariable(c)) {
          continue;
        }
        Severity severity;
        String why;
        if (ESCAPE.contains(c)) {
          severity = Severity.HIGH;
          why = c.equals("ALL") ? "every capability" : "a capability a short step from the host";
        } else if (MEDIUM.contains(c)) {
          severity = c.equals("NET_ADMIN") && hostNetwork ? Severity.HIGH : Severity.MEDIUM;
          why = c.equals("NET_ADMIN") && hostNetwork ? "the host's network, which it shares (`network_mode: host`)"
              : "power over its namespace, host-wide where it is shared";
        } else {
          severity = Severity.LOW;
          why = "a capability outside Docker's default set";
        }
        report.accept(finding(target, severity, s.displayName() + " adds " + c + ": " + why, cap, s.name()));
      }
    }
  }
}
