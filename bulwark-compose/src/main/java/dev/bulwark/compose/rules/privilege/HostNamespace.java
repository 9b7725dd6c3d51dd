package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * BW-C007: a host namespace shared: {@code network_mode}, {@code pid}, {@code ipc}, {@code uts} or {@code userns_mode} set to
 * {@code host}. {@code network_mode: service:x} / {@code container:x} share another container's, not the host's.
 */
public final class HostNamespace extends ComposeRule {
  public HostNamespace() {
    super("BW-C007", "Host network, PID, IPC, UTS or user namespace shared", Severity.HIGH, Category.PRIVILEGE,
        "A container in the host's network namespace reaches every service bound to the host's localhost and can bind and sniff"
            + " (NET_RAW is a default capability) the host's interfaces; in its PID namespace it sees and signals the host's"
            + " processes and their environment; in its IPC namespace it reads their shared memory. `userns_mode: host` opts out of"
            + " the daemon's user-namespace remapping, so root in the container is root on the host again. A shared UTS namespace"
            + " only shares the hostname (low). Kubernetes' PSS baseline forbids hostNetwork, hostPID and hostIPC (BW-K002).",
        "Remove the setting; publish ports (`ports: [\"127.0.0.1:8080:8080\"]`) instead of host networking, and share a namespace"
            + " with one other service (`pid: service:app`) when a sidecar needs it.",
        List.of("071a71ff-f868-47a4-ac0b-3c59e4ab5443", "4f31dd9f-2cc3-4751-9b53-67e4af83dac0", "baa3890f-bed7-46f5-ab8f-1da8fc91c729",
            "8af7162d-6c98-482f-868e-0d33fb675ca8", "check_5_10", "check_5_16", "check_5_17", "check_5_21", "check_5_31"));
  }

  private static final String[] KEYS = {"network_mode", "pid", "ipc", "uts", "userns_mode"};
  private static final String[] NAMES = {"network", "PID", "IPC", "UTS", "user"};
  private static final Severity[] SEVERITIES = {Severity.HIGH, Severity.HIGH, Severity.HIGH, Severity.LOW, Severity.MEDIUM};
  private static final List<List<String>> IDS = List.of(List.of("071a71ff-f868-47a4-ac0b-3c59e4ab5443", "check_5_10"),
      List.of("4f31dd9f-2cc3-4751-9b53-67e4af83dac0", "check_5_16"), List.of("baa3890f-bed7-46f5-ab8f-1da8fc91c729", "check_5_17"),
      List.of("check_5_21"), List.of("8af7162d-6c98-482f-868e-0d33fb675ca8", "check_5_31"));

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      for (int i = 0; i < KEYS.length; i++) {
        YamlMapping.Entry e = s.body().entry(KEYS[i]);
        if (e != null && e.value() instanceof YamlScalar v && v.value().strip().toLowerCase(Locale.ROOT).equals("host")) {
          report.accept(finding(target, SEVERITIES[i], s.displayName() + " shares the host's " + NAMES[i] + " namespace (`" + KEYS[i]
              + ": host`)", e.key(), s.name(), IDS.get(i)));
        }
      }
    }
  }
}
