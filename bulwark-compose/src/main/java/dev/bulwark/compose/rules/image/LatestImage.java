package dev.bulwark.compose.rules.image;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.yaml.YamlScalar;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** BW-C014: a service image {@code :latest} or untagged. A service that is built ({@code build:}) names its own image and is not reported. */
public final class LatestImage extends ComposeRule {
  public LatestImage() {
    super("BW-C014", "Image :latest or untagged", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "`:latest` (or no tag) is whatever was pushed last: two hosts run different images, `docker compose pull` brings in a"
            + " new major version unannounced, and a compromised push is deployed on the next pull (Kubernetes: BW-K044).",
        "Pin a version tag, better a digest: `image: postgres:17.2@sha256:…`; let a bot (Renovate, Dependabot) propose updates.",
        List.of());
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlScalar image = Fields.scalar(s.body(), "image");
      if (image == null || s.body().get("build") != null || Fields.isVariable(image.value())) {
        continue;
      }
      Optional<ImageReference> ref = ImageReference.tryParse(image.value().strip());
      if (ref.isPresent() && ref.get().isLatestOrUntagged()) {
        report.accept(finding(target, s.displayName() + " runs " + image.value().strip() + (ref.get().tag() == null ? ", which has no tag" : ""),
            image, s.name()));
      }
    }
  }
}
