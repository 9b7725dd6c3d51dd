package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** BW-M012: Image lacks provenance labels. */
public final class ProvenanceLabels extends ImageRule {
  public ProvenanceLabels() {
    super("BW-M012", "Image lacks provenance labels", Severity.INFO, Category.SUPPLY_CHAIN,
        "Without org.opencontainers.image.source and .revision, nobody can trace a running image back to the code it was built"
            + " from, which matters most for images pulled by a moving tag.",
        "Add `LABEL org.opencontainers.image.source=<repo> org.opencontainers.image.revision=<commit>` (most CI builders set them).",
        List.of());
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    var labels = t.image().manifest().config().labels();
    List<String> missing = new ArrayList<>();
    for (String k : List.of("org.opencontainers.image.source", "org.opencontainers.image.revision")) {
      if (!labels.containsKey(k)) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      report.accept(inConfig("Labels", "missing labels: " + String.join(", ", missing)));
    }
  }
}
