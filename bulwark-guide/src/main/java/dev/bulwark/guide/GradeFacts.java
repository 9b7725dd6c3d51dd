package dev.bulwark.guide;

import dev.bulwark.core.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the grade is computed from, each fact measured by a scan or read from the catalog.
 *
 * @param findings the Dockerfile's, build context's, Compose and Kubernetes files' findings by severity
 * @param rootRuntime the final stage of an application image runs as root
 * @param base the support status of the runtime stage's base image
 * @param pin how the runtime stage's base image is pinned
 * @param surface what the runtime stage ships besides the app
 * @param contextGuarded the build context has a .dockerignore, or the build copies no whole context
 * @param image the built image's vulnerabilities, when an image was scanned with a database
 * @param application the Dockerfile builds the image that is deployed (not a base, toolchain,
 *     development or fixture image, for which who runs it decides the user and the tools are the point)
 */
public record GradeFacts(Map<Severity, Integer> findings, boolean rootRuntime, BaseStatus base, Pin pin, Surface surface,
    boolean contextGuarded, Optional<ImageVulns> image, boolean application) {

  /** An application image's facts. */
  public GradeFacts(Map<Severity, Integer> findings, boolean rootRuntime, BaseStatus base, Pin pin, Surface surface, boolean contextGuarded,
      Optional<ImageVulns> image) {
    this(findings, rootRuntime, base, pin, surface, contextGuarded, image, true);
  }

  public GradeFacts {
    Map<Severity, Integer> copy = new EnumMap<>(Severity.class);
    copy.putAll(findings);
    findings = Map.copyOf(copy);
  }

  public int count(Severity s) {
    return findings.getOrDefault(s, 0);
  }

  /** The runtime base's support: from the catalog and its EOL dates. */
  public enum BaseStatus {
    SUPPORTED, LTS_ONLY, END_OF_LIFE, SCRATCH, UNKNOWN
  }

  /** How the runtime base is pinned: by digest, to a release tag, or to a moving tag ({@code latest}, a major only). */
  public enum Pin {
    DIGEST, VERSION, MOVING
  }

  /**
   * What the runtime stage ships: {@code NONE} no shell and no package manager (distroless,
   * Chainguard, scratch), {@code MINIMAL} a shell but the build tools left in an earlier stage,
   * {@code FULL} build tools in the final image or a single-stage build that installs them.
   */
  public enum Surface {
    NONE, MINIMAL, FULL
  }

  /**
   * A built image scanned with a vulnerability database: counts by severity, how many critical and
   * high ones have a fix, and the high-profile ones (a curated list, as Docker Scout's policy) found.
   */
  public record ImageVulns(Map<Severity, Integer> counts, int fixableCriticalOrHigh, List<String> highProfile) {
    public ImageVulns {
      Map<Severity, Integer> copy = new EnumMap<>(Severity.class);
      copy.putAll(counts);
      counts = Map.copyOf(copy);
      highProfile = List.copyOf(highProfile);
    }

    public int count(Severity s) {
      return counts.getOrDefault(s, 0);
    }
  }
}
