package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.Image;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.sbom.Package;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training image must reach the readers it is there to profile, or the AOT cache silently loses them. */
class AotTrainingTest {
  @Test
  void theTrainingImageHasAGoBinaryWithBuildInfoAndSymbols(@TempDir Path dir) throws Exception {
    Image image = Image.open(AotTraining.writeImage(dir), null, null, ImageLimits.DEFAULT, true);
    assertThat(image.sbom("training").packages()).extracting(Package::purlString).contains("pkg:golang/golang.org/x/net@v0.30.0");
    assertThat(image.goSymbols("usr/local/bin/server")).hasValueSatisfying(t -> {
      assertThat(t.contains("example.com/m/pkg7", "T7.Method")).isTrue();
      assertThat(t.goos()).isEqualTo("linux");
    });
  }
}
