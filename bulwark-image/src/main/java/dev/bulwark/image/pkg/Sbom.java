package dev.bulwark.image.pkg;

import dev.bulwark.image.Image;
import java.util.List;

/** The software bill of materials of an image: its OS and installed packages. */
public record Sbom(String name, String format, String architecture, OsInfo os, List<InstalledPackage> packages) {

  public static Sbom of(String name, Image image) {
    OsInfo os = OsInfo.detect(image.files()).orElse(null);
    return new Sbom(name, image.manifest().format(), image.manifest().config().architecture(), os, PackageDetector.detect(image, os));
  }
}
