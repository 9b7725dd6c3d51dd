package dev.bulwark.harden;

import java.util.Locale;

/** The runtime a hardened Dockerfile ends in. */
public enum Variant {
  /** gcr.io/distroless: no shell, no package manager, non-root; the recommended one. */
  DISTROLESS,
  /** A pinned, supported Alpine with a dedicated user and only the runtime packages. */
  ALPINE,
  /** cgr.dev/chainguard: Wolfi-based, no shell, non-root. */
  CHAINGUARD,
  /** An empty image: static binaries only. */
  SCRATCH;

  /** The name on the command line and in {@code Dockerfile.<id>}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variant named {@code id} (case-insensitive), or null. */
  public static Variant of(String id) {
    for (Variant v : values()) {
      if (v.id().equalsIgnoreCase(id)) {
        return v;
      }
    }
    return null;
  }
}
