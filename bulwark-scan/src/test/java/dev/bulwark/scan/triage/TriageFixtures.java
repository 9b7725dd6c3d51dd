package dev.bulwark.scan.triage;

import com.github.packageurl.PackageURL;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.match.Rating;
import dev.bulwark.vuln.match.VulnFinding;
import java.util.List;

/** Packages and vulnerabilities for the triage tests. */
final class TriageFixtures {
  private TriageFixtures() {}

  static Package pkg(String purl, String source, String sourceVersion) {
    try {
      PackageURL p = new PackageURL(purl);
      Ecosystem e = switch (p.getType()) {
        case "deb" -> Ecosystem.DEB;
        case "npm" -> Ecosystem.NPM;
        case "golang" -> Ecosystem.GOLANG;
        default -> Ecosystem.PYPI;
      };
      return new Package(e, p.getName(), p.getVersion(), null, source, sourceVersion, null, p, new Location(1, "usr/lib/python3/site-packages/x"));
    } catch (com.github.packageurl.MalformedPackageURLException ex) {
      throw new IllegalArgumentException(ex);
    }
  }

  static Package pkg(String purl) {
    return pkg(purl, null, null);
  }

  static VulnFinding vuln(String... ids) {
    return new VulnFinding(List.of(ids), "a test vulnerability", Rating.HIGH, "CVSS:3.1 7.5", "9.9", null, List.of());
  }
}
