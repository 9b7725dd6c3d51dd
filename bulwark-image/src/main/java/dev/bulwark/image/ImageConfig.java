package dev.bulwark.image;

import dev.bulwark.image.source.Digest;
import java.util.List;
import java.util.Map;

/**
 * The runtime configuration of an image (its config blob): who it runs as, what it runs, its
 * environment, ports and labels, whether it has a health check, and the build history lines.
 * {@code diffIds} are the digests of the uncompressed layers, in order.
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
    List<Digest> diffIds) {}
