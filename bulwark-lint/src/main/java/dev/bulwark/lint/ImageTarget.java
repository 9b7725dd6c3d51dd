package dev.bulwark.lint;

import dev.bulwark.image.Image;
import dev.bulwark.image.pkg.OsInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** A built image ready for the BW-M rules: the image, its detected OS, and the date EOL is judged on. */
public record ImageTarget(String path, Image image, Optional<OsInfo> os, LocalDate asOf) {

  public static ImageTarget of(String path, Image image) {
    return new ImageTarget(path, image, OsInfo.detect(image.files()), LocalDate.now(ZoneOffset.UTC));
  }
}
