package dev.bulwark.sbom;

import java.util.Locale;
import java.util.Optional;

/**
 * The package ecosystems Bulwark reports, each with its package-URL type and the name Bulwark's
 * outputs have always shown (the table's TYPE column, the JSON {@code type}): one enum where
 * there used to be two spellings of the same thing ("go-module" and the purl type "golang").
 */
public enum Ecosystem {
  DEB("deb", "deb"),
  APK("apk", "apk"),
  RPM("rpm", "rpm"),
  PYPI("pypi", "pypi"),
  NPM("npm", "npm"),
  MAVEN("maven", "maven"),
  GOLANG("golang", "go-module"),
  CARGO("cargo", "cargo"),
  GEM("gem", "gem"),
  NUGET("nuget", "nuget"),
  COMPOSER("composer", "composer"),
  /** Whatever a foreign SBOM lists without a type Bulwark knows (purl type {@code generic}, or none). */
  GENERIC("generic", "generic");

  private final String purlType;
  private final String displayName;

  Ecosystem(String purlType, String displayName) {
    this.purlType = purlType;
    this.displayName = displayName;
  }

  /** The package-URL type: {@code pkg:<purlType>/...}. */
  public String purlType() {
    return purlType;
  }

  /** The name Bulwark's table and JSON show. */
  public String displayName() {
    return displayName;
  }

  /** The ecosystem of a purl type or display name (case-insensitive), if Bulwark knows it. */
  public static Optional<Ecosystem> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(Locale.ROOT);
    for (Ecosystem e : values()) {
      if (e.purlType.equals(n) || e.displayName.equals(n)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
