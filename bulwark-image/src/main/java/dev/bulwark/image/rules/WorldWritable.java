package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.image.fs.FileEntry;
import java.util.List;
import java.util.function.Consumer;

/** BW-M007: World-writable files or directories. */
public final class WorldWritable extends ImageRule {
  public WorldWritable() {
    super("BW-M007", "World-writable files or directories", Severity.MEDIUM, Category.PRIVILEGE,
        "Anyone in the container can change these, including code that other processes run.",
        "Fix permissions in the Dockerfile; give ownership to the one user that writes.", List.of());
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    reportFiles(t, e -> e.isWorldWritable() && e.type() != FileEntry.Type.CHAR_DEVICE && e.type() != FileEntry.Type.BLOCK_DEVICE, "world-writable path(s)", report);
  }
}
