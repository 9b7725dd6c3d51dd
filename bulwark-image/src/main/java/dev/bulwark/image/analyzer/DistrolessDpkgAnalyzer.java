package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.DpkgStatus;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Distroless images: one dpkg stanza per file under {@code var/lib/dpkg/status.d}, without Status fields. */
final class DistrolessDpkgAnalyzer implements DatabaseAnalyzer {
  private static final String DIR = "var/lib/dpkg/status.d";

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("dpkg-status.d", Ecosystem.DEB, 1);
  }

  @Override
  public boolean wants(String path) {
    return path.startsWith(DIR + "/") && !path.endsWith(".md5sums");
  }

  @Override
  public Findings analyze(AnalysisContext image) {
    List<Package> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    for (String f : image.files().capturedUnder(DIR)) {
      int layer = image.layerOf(f);
      String text = new String(image.files().content(f).orElseThrow(), StandardCharsets.UTF_8);
      for (DpkgStatus.Entry e : DpkgAnalyzer.capped(DpkgStatus.parse(text, false), f, gaps)) {
        out.add(DpkgAnalyzer.deb(e, image.os(), layer, f));
      }
    }
    return new Findings(out, gaps);
  }
}
