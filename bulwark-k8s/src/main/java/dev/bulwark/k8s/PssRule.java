package dev.bulwark.k8s;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Pod Security Standards control as pod-security-admission checks it ({@code policy/check_*.go}):
 * its level, its PSA check id ({@code control}), the first Kubernetes minor version it applies to,
 * the checks it replaces at the restricted level, and its violations at a given version. As a rule,
 * it reports each violation at the node that causes it (the offending value, or the container that
 * lacks a required field), at the newest version; violations that the baseline check it overrides
 * already reports are left to that rule, so one field is not reported twice.
 */
public abstract class PssRule extends KubernetesRule {
  private final PssLevel level;
  private final String control;
  private final int since;

  /** One violation: where, what (without the level and control, which the finding adds), at which severity (null: the rule's). */
  public record Violation(YamlNode at, String message, Severity severity, boolean reportedByBaseline) {
    public Violation(YamlNode at, String message) {
      this(at, message, null, false);
    }
  }

  protected PssRule(String id, String title, Severity severity, PssLevel level, String control, int since, String rationale, String fix,
      List<String> aliases) {
    super(id, title, severity, Category.PRIVILEGE, rationale, fix, aliases,
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/");
    this.level = level;
    this.control = control;
    this.since = since;
  }

  public final PssLevel level() {
    return level;
  }

  /** The pod-security-admission check id: {@code privileged}, {@code capabilities_restricted}… */
  public final String control() {
    return control;
  }

  /** The first Kubernetes 1.x minor version this check is in force at. */
  public final int since() {
    return since;
  }

  /** The PSA check ids this check replaces when the restricted level is evaluated at {@code minor}. */
  public List<String> overrides(int minor) {
    return List.of();
  }

  /** Every violation in {@code pod} at Kubernetes 1.{@code minor}, as the PSA check finds them. */
  public abstract void violations(PodSpec pod, int minor, Consumer<Violation> out);

  @Override
  public final void check(KubernetesTarget target, Consumer<Finding> report) {
    for (PodSpec pod : target.podSpecs()) {
      int minor = target.pssMinor(pod);
      if (since > minor) {
        continue;
      }
      violations(pod, minor, v -> {
        if (!v.reportedByBaseline()) {
          String message = "PSS " + level.label() + " (" + control + "): " + v.message() + " in " + pod.owner().displayName();
          Severity s = v.severity() == null ? info().severity() : v.severity();
          report.accept(finding(s, message, target.head(v.at()), pod.owner().displayName()));
        }
      });
    }
  }
}
