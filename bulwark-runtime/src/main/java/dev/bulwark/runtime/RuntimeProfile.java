package dev.bulwark.runtime;

import java.util.List;

/**
 * What an image needs at run time, read from its Dockerfile: who it runs as, the ports it serves,
 * the paths it writes, how its health is checked, and the limits to start from. The writers turn
 * it into a {@code docker run} line, a Compose service and Kubernetes manifests.
 *
 * @param name the service name (a DNS label: lower case, digits and dashes)
 * @param image the image reference the settings run
 * @param runAs the numeric user and group
 * @param ports the ports the image exposes, in order
 * @param writablePaths paths the app writes: /tmp, and the image's VOLUMEs ({@code data} marks those that hold state)
 * @param healthcheck the image's HEALTHCHECK, or null
 * @param limits the resource limits to start from
 * @param notes what the reader must know or check (one sentence each)
 */
public record RuntimeProfile(
    String name, String image, RunAs runAs, List<Port> ports, List<WritablePath> writablePaths, Healthcheck healthcheck, Limits limits,
    List<String> notes) {

  public RuntimeProfile {
    ports = List.copyOf(ports);
    writablePaths = List.copyOf(writablePaths);
    notes = List.copyOf(notes);
  }

  /** A numeric user and group, and where they came from (said in a comment of the output). */
  public record RunAs(int uid, int gid, String origin) {
    /** The comment every format puts beside its user setting. */
    public String sentence() {
      return "Runs as " + uid + ":" + gid + ": " + origin + ".";
    }
  }

  /** An exposed port; {@code protocol} is tcp, udp or sctp. */
  public record Port(int number, String protocol) {
    /** Below 1024: only root may bind it unless the runtime lowers the unprivileged-port floor. */
    public boolean privileged() {
      return number < 1024;
    }
  }

  /** A path the app writes; {@code data} paths (VOLUMEs) hold state, the others are scratch space. */
  public record WritablePath(String path, boolean data) {}

  /**
   * The image's HEALTHCHECK: {@code exec} the argument vector, or {@code shell} a command for the
   * image's shell; the durations as written (Go durations such as 30s), null when not set.
   */
  public record Healthcheck(List<String> exec, String shell, String interval, String timeout, String startPeriod, Integer retries) {}

  /** Limits to start from: memory in MiB, CPUs, processes. */
  public record Limits(int memoryMib, String cpus, int pids) {
    public static final Limits DEFAULT = new Limits(512, "1.0", 256);
  }
}
