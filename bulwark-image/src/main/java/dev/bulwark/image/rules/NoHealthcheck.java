package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.image.ImageConfig;
import java.util.List;
import java.util.function.Consumer;

/** BW-M005: Image has no health check. */
public final class NoHealthcheck extends ImageRule {
  public NoHealthcheck() {
    super("BW-M005", "Image has no health check", Severity.LOW, Category.RUNTIME,
        "Without a HEALTHCHECK, Docker and Compose cannot tell a hung process from a healthy one.",
        "Add a HEALTHCHECK to the Dockerfile, or define probes in the orchestrator.", List.of("DS026", "CIS-DI-0006"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    ImageConfig c = t.image().manifest().config();
    if (!c.healthcheck() && (!c.cmd().isEmpty() || !c.entrypoint().isEmpty())) {
      report.accept(inConfig("Healthcheck", "the image defines no HEALTHCHECK"));
    }
  }
}
