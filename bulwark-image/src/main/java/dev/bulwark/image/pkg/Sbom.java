package dev.bulwark.image.pkg;

import dev.bulwark.image.Image;
import dev.bulwark.image.fs.FileTree;
import java.util.List;
import java.util.Map;

/**
 * The software bill of materials of an image: its OS, installed packages, and the gaps — package
 * databases found in the image that are not read yet, so a reader knows the list is incomplete
 * rather than trusting a silently short one.
 */
public record Sbom(String name, String format, String architecture, OsInfo os, List<InstalledPackage> packages, List<String> gaps) {

  /** Package databases Bulwark does not read yet, by path, with their format. */
  private static final Map<String, String> UNREAD_DATABASES = Map.of(
      "var/lib/rpm/rpmdb.sqlite", "RPM, SQLite format",
      "usr/lib/sysimage/rpm/rpmdb.sqlite", "RPM, SQLite format",
      "var/lib/rpm/Packages", "RPM, BerkeleyDB format",
      "var/lib/rpm/Packages.db", "RPM, NDB format",
      "usr/lib/sysimage/rpm/Packages.db", "RPM, NDB format");

  public Sbom {
    packages = List.copyOf(packages);
    gaps = List.copyOf(gaps);
  }

  public static Sbom of(String name, Image image) {
    OsInfo os = OsInfo.detect(image.files()).orElse(null);
    return new Sbom(name, image.manifest().format(), image.manifest().config().architecture(), os, PackageDetector.detect(image, os),
        gaps(image.files()));
  }

  static List<String> gaps(FileTree files) {
    return UNREAD_DATABASES.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .filter(db -> files.get(db.getKey()).isPresent())
        .map(db -> "package database /" + db.getKey() + " (" + db.getValue() + ") is not read yet: its packages are missing")
        .toList();
  }
}
