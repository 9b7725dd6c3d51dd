package dev.bulwark.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pod-security-admission's verdict on a pod spec: the checks of a level in force at a version (at
 * restricted, the baseline checks too, minus those a restricted check overrides at that version),
 * and whether any of them finds a violation.
 */
public final class PodSecurity {
  private final List<PssRule> checks;

  public PodSecurity(List<PssRule> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The checks that run for {@code level} at Kubernetes 1.{@code minor}. */
  public List<PssRule> inForce(PssLevel level, int minor) {
    Set<String> overridden = new HashSet<>();
    if (level == PssLevel.RESTRICTED) {
      for (PssRule c : checks) {
        if (c.level() == PssLevel.RESTRICTED && c.since() <= minor) {
          overridden.addAll(c.overrides(minor));
        }
      }
    }
    List<PssRule> out = new ArrayList<>();
    for (PssRule c : checks) {
      if (c.since() <= minor && c.level().compareTo(level) <= 0 && !overridden.contains(c.control())) {
        out.add(c);
      }
    }
    return out;
  }

  /** The ids of the checks that forbid {@code pod} at {@code level} and 1.{@code minor}; empty when it is allowed. */
  public List<String> forbiddenBy(PssLevel level, int minor, PodSpec pod) {
    List<String> out = new ArrayList<>();
    for (PssRule c : inForce(level, minor)) {
      boolean[] hit = {false};
      c.violations(pod, minor, v -> hit[0] = true);
      if (hit[0]) {
        out.add(c.control());
      }
    }
    return out;
  }
}
