package dev.bulwark.image;

import dev.bulwark.image.source.Digest;
import java.util.List;
import java.util.Map;

/**
 * The runtime configuration of an image (its config blob): who it runs as, what it runs, its
 * environment, ports and labels, whether it has a health check, and the build history lines.
 * {@code diffIds} are the digests of the uncompressed layers, in order; {@code volumes} the
 * {@code Volumes} paths; {@code health} the health check when it has one (null otherwise);
 * {@code layerCommands} the history's {@code created_by} of each layer, in the order of {@code diffIds} (entries
 * marked {@code empty_layer} skipped), or empty when the history does not line up with the layers.
 */
public record ImageConfig(
    String os,
    String architecture,
    String variant,
    String user,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    List<String> exposedPorts,
    Map<String, String> labels,
    boolean healthcheck,
    List<String> history,
    List<Digest> diffIds,
    List<String> volumes,
    Health health,
    List<String> layerCommands) {

  public ImageConfig(String os, String architecture, String variant, String user, List<String> env, List<String> entrypoint,
      List<String> cmd, String workingDir, List<String> exposedPorts, Map<String, String> labels, boolean healthcheck,
      List<String> history, List<Digest> diffIds, List<String> volumes, Health health) {
    this(os, architecture, variant, user, env, entrypoint, cmd, workingDir, exposedPorts, labels, healthcheck, history, diffIds, volumes, health,
        List.of());
  }

  /** A config with no volumes and no health check details (tests and images that declare neither). */
  public ImageConfig(String os, String architecture, String variant, String user, List<String> env, List<String> entrypoint,
      List<String> cmd, String workingDir, List<String> exposedPorts, Map<String, String> labels, boolean healthcheck,
      List<String> history, List<Digest> diffIds) {
    this(os, architecture, variant, user, env, entrypoint, cmd, workingDir, exposedPorts, labels, healthcheck, history, diffIds,
        List.of(), null);
  }

  /**
   * The config's {@code Healthcheck}: {@code test} as stored ({@code ["CMD", …]} or
   * {@code ["CMD-SHELL", "…"]}), durations in nanoseconds (0 when unset), {@code retries} 0 when unset.
   */
  public record Health(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
    public Health {
      test = List.copyOf(test);
    }
  }
}
