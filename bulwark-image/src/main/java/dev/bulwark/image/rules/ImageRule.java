package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Messages;
import dev.bulwark.core.Rule;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.image.ImageConfig;
import dev.bulwark.image.fs.FileEntry;
import java.util.List;
import java.util.function.Consumer;

/** Base for image rules: metadata given once. */
public abstract class ImageRule implements Rule<ImageTarget> {
  private final RuleInfo info;

  protected ImageRule(String id, String title, Severity severity, Category category, String rationale, String fix, List<String> aliases) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, aliases, List.of());
  }

  @Override
  public RuleInfo info() {
    return info;
  }

  /** A finding about the image config's {@code field}. */
  protected final Finding inConfig(String field, String message) {
    return Finding.at(info, message, new Location.ImageConfig(field));
  }

  /**
   * One finding for every file that {@code matches}, listed by path in the message
   * ({@code "3 setuid/setgid file(s): /a, /b, /c"}) and located at the first of them.
   */
  protected final void reportFiles(ImageTarget t, java.util.function.Predicate<FileEntry> matches, String what, Consumer<Finding> report) {
    java.util.TreeMap<String, FileEntry> found = new java.util.TreeMap<>();
    for (FileEntry e : t.image().files().entries()) {
      if (matches.test(e)) {
        found.put("/" + e.path(), e);
      }
    }
    if (!found.isEmpty()) {
      report.accept(atFile(t, found.firstEntry().getValue(), found.size() + " " + what + ": " + Messages.listSome(found.keySet())));
    }
  }

  /** A finding about a file: the layer that last wrote it and its path. */
  protected final Finding atFile(ImageTarget t, FileEntry file, String message) {
    return atPath(t, file.layer(), file.path(), message);
  }

  /** A finding about {@code path} as written by layer {@code layer}. */
  protected final Finding atPath(ImageTarget t, int layer, String path, String message) {
    var layers = t.image().manifest().layers();
    var diffId = layer >= 0 && layer < layers.size() ? layers.get(layer).diffId() : null;
    return Finding.at(info, message, new Location.LayerFile(layer, diffId == null ? null : diffId.toString(), path));
  }
}
