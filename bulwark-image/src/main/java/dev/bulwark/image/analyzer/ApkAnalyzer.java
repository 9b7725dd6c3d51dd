package dev.bulwark.image.analyzer;

import static dev.bulwark.image.analyzer.Purls.nz;

import dev.bulwark.image.pkg.ApkInstalled;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alpine: {@code lib/apk/db/installed}, each package attributed to the first layer whose copy lists it at its version. */
final class ApkAnalyzer implements DatabaseAnalyzer {
  private static final String INSTALLED = "lib/apk/db/installed";

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("apk", Ecosystem.APK, 1);
  }

  @Override
  public boolean wants(String path) {
    return path.equals(INSTALLED);
  }

  @Override
  public Findings analyze(AnalysisContext image) {
    List<Package> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    image.files().content(INSTALLED).ifPresent(b -> {
      Map<String, Integer> firstSeen = FirstLayers.of(image.history().get(INSTALLED),
          text -> ApkInstalled.parse(text).stream().map(e -> e.name() + "@" + e.version()).toList());
      String distro = image.os() == null ? "" : nz(image.os().versionId());
      List<ApkInstalled.Entry> entries = ApkInstalled.parse(new String(b, StandardCharsets.UTF_8));
      for (ApkInstalled.Entry e : FirstLayers.capped(entries, ApkInstalled.MAX_PACKAGES, "/" + INSTALLED + " (apk)", gaps)) {
        out.add(new Package(Ecosystem.APK, e.name(), e.version(), e.arch(), e.origin(), e.version(), e.license(),
            // upstream: the origin, when it is another package, as Syft writes it; an SBOM read back (SPDX keeps only the purl) is then still matched by origin
            Purls.of(Ecosystem.APK, "alpine", e.name(), e.version(),
                Map.of("arch", nz(e.arch()), "distro", distro, "upstream", e.origin() == null || e.origin().equals(e.name()) ? "" : e.origin())),
            new Location(firstSeen.getOrDefault(e.name() + "@" + e.version(), -1), INSTALLED)));
      }
    });
    return new Findings(out, gaps);
  }
}
