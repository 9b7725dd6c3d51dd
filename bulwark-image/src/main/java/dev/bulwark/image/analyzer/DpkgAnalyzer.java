package dev.bulwark.image.analyzer;

import static dev.bulwark.image.analyzer.Purls.nz;

import dev.bulwark.image.pkg.DpkgStatus;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Debian and Ubuntu: {@code var/lib/dpkg/status}, each package attributed to the first layer whose copy lists it at its version. */
final class DpkgAnalyzer implements DatabaseAnalyzer {
  static final String STATUS = "var/lib/dpkg/status";

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("dpkg", Ecosystem.DEB, 1);
  }

  @Override
  public boolean wants(String path) {
    return path.equals(STATUS);
  }

  @Override
  public Findings analyze(AnalysisContext image) {
    List<Package> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    image.files().content(STATUS).ifPresent(b -> {
      Map<String, Integer> firstSeen = FirstLayers.of(image.history().get(STATUS),
          text -> DpkgStatus.parse(text).stream().map(e -> e.name() + "@" + e.version()).toList());
      List<DpkgStatus.Entry> entries = capped(DpkgStatus.parse(new String(b, StandardCharsets.UTF_8)), STATUS, gaps);
      for (DpkgStatus.Entry e : entries) {
        out.add(deb(e, image.os(), firstSeen.getOrDefault(e.name() + "@" + e.version(), -1), STATUS));
      }
    });
    return new Findings(out, gaps);
  }

  /** The first {@link DpkgStatus#MAX_PACKAGES} entries; a longer list (parse returns one more) is cut, and a gap says so. */
  static <T> List<T> capped(List<T> entries, String path, List<String> gaps) {
    return FirstLayers.capped(entries, DpkgStatus.MAX_PACKAGES, "/" + path + " (dpkg)", gaps);
  }

  /** A deb package; the purl's upstream qualifier names the source package when it differs. */
  static Package deb(DpkgStatus.Entry e, OsInfo os, int layer, String foundIn) {
    Map<String, String> q = new HashMap<>();
    q.put("arch", nz(e.arch()));
    q.put("distro", nz(os == null ? null : os.purlDistro()));
    if (!e.source().equals(e.name()) || !e.sourceVersion().equals(e.version())) {
      q.put("upstream", e.source() + (e.sourceVersion().equals(e.version()) ? "" : "@" + e.sourceVersion()));
    }
    String distro = os == null ? null : os.id();
    return new Package(Ecosystem.DEB, e.name(), e.version(), e.arch(), e.source(), e.sourceVersion(), null,
        Purls.of(Ecosystem.DEB, distro == null ? "debian" : distro, e.name(), e.version(), q), new Location(layer, foundIn));
  }
}
