package dev.bulwark.image.rules;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Target;
import dev.bulwark.image.Image;
import dev.bulwark.image.pkg.OsInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A built image ready for the BW-M rules: the name it was given by, the image, its detected OS, the
 * date EOL is judged on and the project settings that apply.
 */
public record ImageTarget(String path, Image image, Optional<OsInfo> os, LocalDate asOf, LintConfig config) implements Target {

  public static ImageTarget of(String path, Image image, LintConfig config) {
    return new ImageTarget(path, image, OsInfo.detect(image.files()), LocalDate.now(ZoneOffset.UTC), config);
  }
}
