package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.image.fs.FileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** BW-M010: Package manager caches left in the image. */
public final class PackageCaches extends ImageRule {
  private static final List<String> CACHES = List.of("var/lib/apt/lists/", "var/cache/apt/archives/", "var/cache/apk/", "root/.cache/pip/",
      "var/cache/yum/", "var/cache/dnf/", "var/cache/zypp/packages/", "root/.npm/_cacache/");

  public PackageCaches() {
    super("BW-M010", "Package manager caches left in the image", Severity.LOW, Category.ATTACK_SURFACE,
        "Indexes and downloaded archives add size and stale metadata to every layer that carries them.",
        "Clean in the same RUN, or use cache mounts (`RUN --mount=type=cache,...`).", List.of());
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    java.util.Map<String, Long> bytes = new java.util.TreeMap<>();
    java.util.Map<String, Integer> topLayer = new java.util.HashMap<>();
    for (FileEntry e : t.image().files().entries()) {
      if (e.type() != FileEntry.Type.FILE) {
        continue;
      }
      for (String c : CACHES) {
        if (e.path().startsWith(c) && !e.path().endsWith("/lock") && !e.path().endsWith("/partial")) {
          bytes.merge("/" + c, e.size(), Long::sum);
          topLayer.merge("/" + c, e.layer(), Math::max);
        }
      }
    }
    bytes.values().removeIf(b -> b < 64 * 1024);
    if (!bytes.isEmpty()) {
      List<String> parts = new ArrayList<>();
      bytes.forEach((k, v) -> parts.add(k + " (" + (v >> 10) + " KiB)"));
      String first = bytes.keySet().iterator().next();
      report.accept(atPath(t, topLayer.get(first), first.substring(1, first.length() - 1), "package caches left: " + String.join(", ", parts)));
    }
  }
}
