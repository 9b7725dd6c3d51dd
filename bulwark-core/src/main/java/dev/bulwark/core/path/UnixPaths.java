package dev.bulwark.core.path;

import java.util.ArrayList;
import java.util.List;

/** Slash-separated paths inside an image or a build, where the root is the top: nothing climbs above it. */
public final class UnixPaths {
  private UnixPaths() {}

  /**
   * {@code path} normalized inside the root, without a leading slash: empty and {@code .} segments
   * dropped, {@code ..} removing the segment before it and never climbing above the root (as a
   * container's filesystem resolves it). The root itself is the empty string.
   */
  public static String clamp(String path) {
    List<String> parts = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.add(seg);
      }
    }
    return String.join("/", parts);
  }
}
