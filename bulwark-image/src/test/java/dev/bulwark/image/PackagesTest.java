package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.image.pkg.ApkInstalled;
import dev.bulwark.image.pkg.DpkgStatus;
import dev.bulwark.sbom.Package;
import dev.bulwark.sbom.Sbom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OS and package detection, on real package databases from ../shared when present. */
class PackagesTest {
  private static final Path INSTALLED = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/installed");
  @TempDir Path tmp;

  static String shared(String rel) throws IOException {
    Path p = INSTALLED.resolve(rel);
    assumeTrue(Files.exists(p), "skipped: ../shared/data/installed not present (a user's clone has no ../shared)");
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void dpkgStatus_realUbuntuDatabase() throws IOException {
    var entries = DpkgStatus.parse(shared("dpkg/trivy_ubuntu_status"));
    assertThat(entries).hasSize(90); // 91 stanzas, one in state config-files
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.name()).isNotBlank();
      assertThat(e.source()).isNotBlank();
    });
  }

  @Test
  void dpkgStatus_skipsPackagesThatAreNotInstalled() throws IOException {
    String text = shared("dpkg/osv-scalibr_status_statusfield");
    long stanzas = text.lines().filter(l -> l.startsWith("Package:")).count();
    long installed = text.lines().filter(l -> l.startsWith("Status:") && l.endsWith(" installed")).count(); // want flags aside
    assertThat(DpkgStatus.parse(text)).hasSize((int) installed).hasSizeLessThan((int) stanzas);
  }

  @Test
  void dpkgStatus_sourceWithVersion() {
    var e = DpkgStatus.parse("Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.15-1~deb12u1)\n"
        + "Version: 3.0.15-1~deb12u1+b1\nDescription: x\n continued line\n").getFirst();
    assertThat(e.source()).isEqualTo("openssl");
    assertThat(e.sourceVersion()).isEqualTo("3.0.15-1~deb12u1");
  }

  @Test
  void apkInstalled_realAlpineDatabase() throws IOException {
    var entries = ApkInstalled.parse(shared("apk/trivy_installed"));
    assertThat(entries).hasSize(15); // 16 records, one without a version
    assertThat(entries).allSatisfy(e -> assertThat(e.version()).isNotBlank());
  }

  @Test
  void sbom_debianImage_withLayerAttributionAndPurls() throws Exception {
    String base = "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u8\n\n";
    String more = base + "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.15-1~deb12u1)\n"
        + "Version: 3.0.15-1~deb12u1\n\n";
    TestImages.Builder b = new TestImages.Builder()
        .layer(file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"), file("var/lib/dpkg/status", base))
        .layer(file("var/lib/dpkg/status", more));
    Image img = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("d")), "linux/amd64", ImageLimits.DEFAULT);
    Sbom sbom = img.sbom("test");
    assertThat(sbom.os().id()).isEqualTo("debian");
    assertThat(sbom.packages()).extracting(Package::name, (Package p) -> p.location().layer())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("base-files", 0), org.assertj.core.groups.Tuple.tuple("libssl3", 1));
    assertThat(sbom.packages().get(1).purlString()).isEqualTo("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl");
    assertThat(sbom.gaps()).isEmpty();
  }

  @Test
  void debianTesting_withoutVersionId_getsNoDistroQualifier() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\n"),
        file("var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.37-1\n"));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("sid")), "linux/amd64", ImageLimits.DEFAULT).sbom("sid");
    assertThat(sbom.packages()).singleElement().extracting(Package::purlString).isEqualTo("pkg:deb/debian/bash@5.2.37-1?arch=amd64");
  }

  @Test
  void unreadableRpmDatabases_areReportedAsGaps_notSilentlySkipped() throws Exception {
    TestImages.Builder fedora = new TestImages.Builder().layer(file("etc/os-release", "ID=fedora\nVERSION_ID=41\n"),
        file("usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3\u0000"));
    Sbom f = Image.open(TestImages.writeDir(fedora.oci(), tmp.resolve("f")), "linux/amd64", ImageLimits.DEFAULT).sbom("f");
    assertThat(f.gaps()).singleElement().asString().contains("/usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite", "could not be read");

    TestImages.Builder centos7 = new TestImages.Builder().layer(file("var/lib/rpm/Packages", "\u0000\u0006\u0015\u0061"));
    Sbom c = Image.open(TestImages.writeDir(centos7.oci(), tmp.resolve("c")), "linux/amd64", ImageLimits.DEFAULT).sbom("c");
    assertThat(c.gaps()).singleElement().asString().contains("BerkeleyDB", "too short");
  }

  @Test
  void sbom_alpineAndDistroless() throws Exception {
    TestImages.Builder alpine = new TestImages.Builder().layer(file("etc/alpine-release", "3.20.3\n"),
        file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\n\n"
            + "P:libcrypto3\nV:3.3.2-r0\nA:x86_64\no:openssl\n"));
    Sbom a = Image.open(TestImages.writeDir(alpine.oci(), tmp.resolve("a")), "linux/amd64", ImageLimits.DEFAULT).sbom("a");
    assertThat(a.os().id()).isEqualTo("alpine");
    assertThat(a.packages()).extracting(Package::purlString).contains("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=3.20.3");
    // another origin is the purl's upstream, so the purl alone still names the package advisories are keyed by
    assertThat(a.packages()).extracting(Package::purlString).contains("pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl");
    TestImages.Builder distroless = new TestImages.Builder().layer(file("etc/os-release", "PRETTY_NAME=\"Distroless\"\nID=debian\nVERSION_ID=\"12\"\n"),
        file("var/lib/dpkg/status.d/libc6", "Package: libc6\nVersion: 2.36-9+deb12u9\nArchitecture: amd64\nSource: glibc\n"),
        file("var/lib/dpkg/status.d/libc6.md5sums", "abc  lib/x\n"));
    Sbom d = Image.open(TestImages.writeDir(distroless.oci(), tmp.resolve("dl")), "linux/amd64", ImageLimits.DEFAULT).sbom("d");
    assertThat(d.packages()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("libc6");
      assertThat(p.source()).isEqualTo("glibc");
      assertThat(p.location().path()).isEqualTo("var/lib/dpkg/status.d/libc6");
    });
  }
}
