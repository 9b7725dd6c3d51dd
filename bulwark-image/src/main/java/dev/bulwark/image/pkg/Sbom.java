package dev.bulwark.image.pkg;

import dev.bulwark.image.Image;
import java.util.List;

/**
 * The software bill of materials of an image: its OS, installed packages, and the gaps — package
 * databases found in the image that could not be read, so a reader knows the list is incomplete
 * rather than trusting a silently short one.
 */
public record Sbom(String name, String format, String architecture, OsInfo os, List<InstalledPackage> packages, List<String> gaps) {

  public Sbom {
    packages = List.copyOf(packages);
    gaps = List.copyOf(gaps);
  }

  public static Sbom of(String name, Image image) {
    OsInfo os = OsInfo.detect(image.files()).orElse(null);
    PackageDetector.Detected found = PackageDetector.detect(image, os);
    return new Sbom(name, image.manifest().format(), image.manifest().config().architecture(), os, found.packages(), found.gaps());
  }
}
