package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.OperatingSystem;
import dev.bulwark.sbom.Package;
import org.junit.jupiter.api.Test;

/** The release of an SBOM's OS package, from each tool's distro qualifier or the document's OS. */
class SbomDistrosTest {
  static Package pkg(String purl) throws Exception {
    return new Package(Ecosystem.DEB, "x", "1", null, "x", "1", null, purl == null ? null : new PackageURL(purl), Location.UNKNOWN);
  }

  @Test
  void eachToolsQualifier() throws Exception {
    SbomDistros none = new SbomDistros(null);
    assertThat(none.ecosystem(pkg("pkg:deb/debian/x@1?distro=debian-12"))).isEqualTo("Debian:12"); // Syft, Bulwark
    assertThat(none.ecosystem(pkg("pkg:deb/debian/x@1?distro=debian-12.4"))).isEqualTo("Debian:12"); // Trivy
    assertThat(none.ecosystem(pkg("pkg:deb/ubuntu/x@1?distro=ubuntu-22.04"))).isEqualTo("Ubuntu:22.04");
    assertThat(none.ecosystem(pkg("pkg:apk/alpine/x@1?distro=alpine-3.19.1"))).isEqualTo("Alpine:v3.19"); // Syft
    assertThat(none.ecosystem(pkg("pkg:apk/alpine/x@1?distro=3.19.1"))).isEqualTo("Alpine:v3.19"); // Trivy, Bulwark: the OS is the namespace
    assertThat(none.ecosystem(pkg("pkg:deb/debian/x@1?distro=bookworm"))).isEqualTo("Debian:bookworm");
    assertThat(none.unknown()).isZero();
    assertThat(none.ecosystem(pkg("pkg:deb/debian/x@1"))).isNull();
    assertThat(none.ecosystem(pkg("pkg:deb/debian/x@1?distro=debian-"))).isNull();
    assertThat(none.ecosystem(pkg(null))).isNull();
    assertThat(none.unknown()).isEqualTo(3);
  }

  @Test
  void theDocumentsOs_whenThePurlNamesNone() throws Exception {
    SbomDistros os = new SbomDistros(new OperatingSystem("debian", "12.4", "Debian GNU/Linux 12"));
    assertThat(os.ecosystem(pkg("pkg:deb/debian/x@1"))).isEqualTo("Debian:12");
    // the package's own qualifier wins
    assertThat(os.ecosystem(pkg("pkg:deb/debian/x@1?distro=debian-11"))).isEqualTo("Debian:11");
    assertThat(os.unknown()).isZero();
  }
}
