package dev.bulwark.sbom;

import com.github.packageurl.PackageURL;
import java.util.Objects;

/**
 * A package: ecosystem, name (with group or scope where the ecosystem has one), version,
 * architecture (null when it has none), source package and its version (Debian advisories are per
 * source package), license when recorded, package URL (null when none could be built) and where it
 * was found.
 */
public record Package(
    Ecosystem ecosystem, String name, String version, String arch, String source, String sourceVersion, String license, PackageURL purl,
    Location location) {

  public Package {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
  }

  /** The canonical purl string, or null. */
  public String purlString() {
    return purl == null ? null : purl.canonicalize();
  }
}
