package dev.bulwark.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The runtime images harden writes (its own {@link RuntimeImages} table) against core's base-image
 * catalog: each is an image the catalog knows, and none is past its end of life on the day given by
 * {@code -Dbulwark.catalog.as-of} (default 2026-12-01, as the catalog's own test), so a choice that
 * expires fails here instead of shipping.
 */
class HardenCatalogTest {
  static final LocalDate AS_OF = LocalDate.parse(System.getProperty("bulwark.catalog.as-of", "2026-12-01"));

  @Test
  void everyRuntimeImageOfEveryVariantIsInTheCatalogAndSupported() throws Exception {
    TreeSet<String> runtimes = new TreeSet<>();
    for (Goldens.Input in : Goldens.inputs()) {
      for (HardenResult r : Harden.all(in.dockerfile(), in.files(), in.options())) {
        if (r instanceof HardenResult.Hardened h) {
          List<Stage> stages = BuildModel.of(DockerfileParser.parse(h.text())).stages();
          stages.get(stages.size() - 1).baseImage().ifPresent(ref -> runtimes.add(ref.normalized()));
        }
      }
    }
    assertThat(runtimes).as("runtime images the goldens use").hasSizeGreaterThan(8);
    List<String> problems = new ArrayList<>();
    for (String image : runtimes) {
      Optional<BaseImage> b = BaseImageCatalog.get().lookup(ImageReference.parse(image));
      if (b.isEmpty()) {
        problems.add(image + ": not in the base-image catalog");
      } else if (b.get().isEndOfLife(AS_OF)) {
        problems.add(image + ": past its end of life (" + b.get().eolOf() + ", " + b.get().eol() + ") on " + AS_OF);
      }
    }
    assertThat(problems).as("runtime images " + runtimes).isEmpty();
  }
}
