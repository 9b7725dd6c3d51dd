package dev.bulwark.guide;

import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.guide.GuideInput.ImageFacts;
import dev.bulwark.guide.GuideInput.Runtime;
import dev.bulwark.harden.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text that every format shows the same: variant titles, the key lines, the reasons, commands, CI snippets, table cells. */
final class Sections {
  private Sections() {}

  static String title(Variant v) {
    return switch (v) {
      case DISTROLESS -> "Distroless (recommended)";
      case ALPINE -> "Hardened Alpine";
      case CHAINGUARD -> "Chainguard";
      case SCRATCH -> "Scratch";
    };
  }

  /** The final stage's instructions, without comments and blank lines: what the runtime is. */
  static List<String> keyLines(String dockerfile) {
    String[] lines = dockerfile.split("\n", -1);
    int last = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].stripLeading().regionMatches(true, 0, "FROM ", 0, 5)) {
        last = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = last; i < lines.length && out.size() < 16; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(lines[i].stripTrailing());
      }
    }
    return out;
  }

  /** Why a variant is safer, in the words a reviewer wants: one line per property the text really has. */
  static List<String> reasons(Variant v, String text) {
    List<String> out = new ArrayList<>();
    switch (v) {
      case DISTROLESS -> out.add("No shell and no package manager in the runtime image: code execution finds no tools to download or run more");
      case ALPINE -> out.add("A pinned, supported Alpine with only the runtime packages: a small surface that still has a shell for debugging");
      case CHAINGUARD -> out.add("Chainguard's Wolfi-based image: rebuilt daily, no shell, few packages");
      case SCRATCH -> out.add("An empty image: the binary, CA certificates and a passwd entry, nothing else");
    }
    if (text.contains("USER 65532") || text.contains("USER nonroot")) {
      out.add("Runs as uid 65532 (nonroot): a container escape does not start as root");
    } else if (text.matches("(?s).*\\nUSER [1-9][0-9]*.*")) {
      out.add("Runs as a dedicated numeric non-root user: Kubernetes' runAsNonRoot can verify it");
    }
    if (text.contains("apk upgrade --no-cache")) {
      out.add("`apk upgrade --no-cache`: the security updates published since the base image was built, without a package cache");
    }
    if (text.contains("CGO_ENABLED=0")) {
      out.add("`CGO_ENABLED=0`: a static binary that needs no libc in the runtime image");
    }
    if (text.contains("-trimpath")) {
      out.add("`-trimpath`: no build machine paths in the binary (reproducible, nothing leaked)");
    }
    if (text.contains("-s -w")) {
      out.add("`-ldflags=\"-s -w\"`: no symbol table or debug information, a smaller binary");
    }
    if (text.contains("--locked")) {
      out.add("`cargo --locked`: the build uses exactly the versions in Cargo.lock");
    }
    if (text.contains("--omit=dev")) {
      out.add("`--omit=dev`: development dependencies stay out of the image");
    }
    if (text.contains("--no-cache-dir")) {
      out.add("`pip --no-cache-dir` in a virtualenv: only the installed packages are copied, no pip cache");
    }
    if (text.contains("PYTHONDONTWRITEBYTECODE")) {
      out.add("`PYTHONDONTWRITEBYTECODE=1`, `PYTHONUNBUFFERED=1`: no .pyc written at run time (read-only root works), logs not held back");
    }
    if (text.contains("--chown=0:0") || text.contains("owned by root")) {
      out.add("The app's files are owned by root: the app cannot rewrite itself");
    }
    if (text.contains("org.opencontainers.image")) {
      out.add("OCI labels: scanners and registries can tell what the image is and where it came from");
    }
    return out;
  }

  /** A table cell for a runtime stage's user. */
  static String user(Runtime rt, boolean root) {
    if (root) {
      return "root";
    }
    if (rt.user() != null) {
      return rt.user();
    }
    BaseImage b = rt.catalog();
    return b == null ? "the base image's default" : b.user() + " (the base image's default)";
  }

  static String surface(Runtime rt, ImageFacts image) {
    if (image != null) {
      String shells = image.shells().isEmpty() ? "no shell" : String.join(", ", image.shells());
      String pms = image.packageManagers().isEmpty() ? "no package manager" : String.join(", ", image.packageManagers());
      return shells + "; " + pms + "; " + image.executables() + " executables (measured)";
    }
    if (rt.scratch()) {
      return "no shell; no package manager (scratch)";
    }
    BaseImage b = rt.catalog();
    if (b == null) {
      return "unknown (not in the catalog; give --image to measure)";
    }
    return (b.shell() == null ? "no shell" : b.shell()) + "; " + (b.packageManager() == null ? "no package manager" : b.packageManager())
        + " (catalog)";
  }

  static String debuggability(Runtime rt) {
    boolean shell = rt.scratch() ? false : rt.catalog() == null || rt.catalog().shell() != null;
    if (shell) {
      return "a shell: `docker exec -it … sh`";
    }
    if (rt.base().contains("distroless")) {
      return "no shell: the `:debug-nonroot` tag, or `kubectl debug` with an ephemeral container";
    }
    return "no shell: `kubectl debug` with an ephemeral container, or `docker cp` files out";
  }

  static String updates(Runtime rt, java.time.LocalDate asOf) {
    if (rt.scratch()) {
      return "nothing in the image but the app: rebuild for the app's own fixes";
    }
    BaseImage b = rt.catalog();
    if (b == null) {
      return "unknown (not in the catalog)";
    }
    String who = b.eolOf() != null ? b.eolOf() : b.family().name();
    if (b.eol().equals("-")) {
      return who + ": no end announced (rolling)";
    }
    if (b.eol().equals("past")) {
      return who + ": **end of life**";
    }
    return who + (b.isEndOfLife(asOf) ? ": **end of life since " : " until ") + b.eol() + (b.isEndOfLife(asOf) ? "**" : "")
        + (b.ltsUntil() != null ? " (LTS until " + b.ltsUntil() + ")" : "");
  }

  static String size(ImageFacts image) {
    if (image == null) {
      return "not measured (build it and pass `--image`)";
    }
    return String.format(Locale.ROOT, "%.1f MB unpacked (measured)", image.sizeBytes() / 1e6);
  }

  /** The tag a variant is built as in the usage commands: {@code go-api:distroless}, {@code go-api:original}. */
  static String tag(String project, String label) {
    String repo = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    return (repo.isEmpty() ? "app" : repo) + ":" + label;
  }

  static String tarball(String project, String label) {
    return tag(project, label).replace(':', '-') + ".tar";
  }
}
