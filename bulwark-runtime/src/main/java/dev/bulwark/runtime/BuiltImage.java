package dev.bulwark.runtime;

import java.util.List;

/**
 * What a built image's config and account files say about running it, as plain values (the
 * runtime module knows no image reader; the caller copies them from one).
 *
 * @param user the config's {@code User} ("" when unset: root)
 * @param exposedPorts the config's {@code ExposedPorts} keys ({@code 8080/tcp})
 * @param volumes the config's {@code Volumes} paths
 * @param healthTest the {@code Healthcheck.Test} ({@code CMD …} or {@code CMD-SHELL …}), or null when none
 * @param healthIntervalNanos {@code Healthcheck.Interval} (0 when unset); likewise timeout and start period
 * @param healthRetries {@code Healthcheck.Retries} (0 when unset)
 * @param passwd the image's /etc/passwd, or null when it has none (distroless static, scratch)
 * @param group the image's /etc/group, or null
 */
public record BuiltImage(String user, List<String> exposedPorts, List<String> volumes, List<String> healthTest, long healthIntervalNanos,
    long healthTimeoutNanos, long healthStartPeriodNanos, int healthRetries, String passwd, String group) {

  public BuiltImage {
    exposedPorts = List.copyOf(exposedPorts);
    volumes = List.copyOf(volumes);
    healthTest = healthTest == null ? null : List.copyOf(healthTest);
  }
}
