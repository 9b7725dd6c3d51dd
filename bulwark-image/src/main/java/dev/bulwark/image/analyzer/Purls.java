package dev.bulwark.image.analyzer;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.util.List;
import java.util.Map;

/** Package URLs as the analyzers build them, and the package of an application file's finding. */
final class Purls {
  private Purls() {}

  /** A purl with the non-empty qualifiers; null when the parts make none (an empty name, say). */
  static PackageURL of(Ecosystem e, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(e.purlType()).withNamespace(namespace).withName(name).withVersion(version);
      qualifiers.forEach((k, v) -> {
        if (v != null && !v.isEmpty()) {
          b.withQualifier(k, v);
        }
      });
      return b.build();
    } catch (MalformedPackageURLException ex) {
      return null;
    }
  }

  /** An application package: named with its group (Maven) or scope (npm); the source is the bare name. */
  static Package application(LanguagePackages.Found f, int layer, String path) {
    Ecosystem e = Ecosystem.of(f.ecosystem()).orElseThrow();
    String name = f.namespace() == null ? f.name() : f.namespace() + (e == Ecosystem.NPM ? "/" : ":") + f.name();
    return new Package(e, name, f.version(), null, f.name(), f.version(), f.license(), of(e, f.namespace(), f.name(), f.version(), Map.of()),
        new Location(layer, path));
  }

  /** The packages an application file at {@code path} declares, found in the layer that last wrote it. */
  static List<Package> applications(AnalysisContext image, String path, List<LanguagePackages.Found> found) {
    int layer = image.layerOf(path);
    return found.stream().map(f -> application(f, layer, path)).toList();
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
