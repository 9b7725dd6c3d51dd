package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.FromReferences;

/**
 * The fix of BW-D002 and BW-D004: the base's tag replaced by the specific release the base-image
 * catalog knows ({@code python:3} to {@code python:3.14.7}, same major and variant), only the
 * tag's characters changed, in the FROM or in the ARG default it comes from. An image the catalog
 * does not know, or a reference whose place is not exact, gets no fix.
 */
final class TagPin {
  private TagPin() {}

  static Fix of(DockerfileTarget target, Stage stage, ImageReference ref) {
    String pinned = BaseImageCatalog.get().pinnedTag(ref).orElse(null);
    FromReferences.Site site = pinned == null ? null : FromReferences.locate(target, stage);
    if (site == null) {
      return null;
    }
    return Fix.safe("Pin " + ref.familiarName() + ":" + (ref.tag() == null ? "latest" : ref.tag()) + " to " + ref.familiarName() + ":" + pinned
        + ", the newest release in Bulwark's catalog; let Renovate or Dependabot keep it current", site.replaceTag(pinned));
  }
}
