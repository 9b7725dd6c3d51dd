package dev.bulwark.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.List;

/** SBOMs for the writer and reader tests: every package kind the image analyzers produce, with the purls they build. */
final class Fixtures {
  private Fixtures() {}

  static PackageURL purl(String s) {
    try {
      return s == null ? null : new PackageURL(s);
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Package pkg(Ecosystem e, String name, String version, String arch, String source, String sourceVersion, String license, String purl,
      int layer, String path) {
    return new Package(e, name, version, arch, source, sourceVersion, license, purl(purl), new Location(layer, path));
  }

  static Sbom sample() {
    return sample(List.of());
  }

  static Sbom sample(List<String> gaps) {
    return new Sbom("registry.example/app:1.0", "oci", "amd64", new OperatingSystem("debian", "12", "Debian GNU/Linux 12 (bookworm)"), List.of(
        pkg(Ecosystem.DEB, "libssl3", "3.0.15-1~deb12u1", "amd64", "openssl", "3.0.15-1~deb12u1", null,
            "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl", 1, "var/lib/dpkg/status"),
        pkg(Ecosystem.APK, "musl", "1.2.5-r0", "x86_64", "musl", "1.2.5-r0", "MIT", "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", 0,
            "lib/apk/db/installed"),
        pkg(Ecosystem.APK, "musl", "1.2.5-r0", "x86_64", "musl", "1.2.5-r0", "MIT", "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", 2,
            "lib/apk/db/installed")), gaps);
  }

  /** One package of each kind (dpkg, status.d, apk, RPM, Python, npm, Maven, Go, Rust) and one without a purl, with a gap. */
  static Sbom every() {
    return new Sbom("registry.example/every:2", "docker-archive", "arm64", new OperatingSystem("rhel", "9.4", "Red Hat Enterprise Linux 9.4 (Plow)"),
        List.of(
            pkg(Ecosystem.DEB, "libssl3", "3.0.15-1~deb12u1", "amd64", "openssl", "3.0.15-1~deb12u1", null,
                "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl", 1, "var/lib/dpkg/status"),
            pkg(Ecosystem.DEB, "libc6", "2.36-9+deb12u9", "amd64", "glibc", "2.36-9+deb12u9", null,
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u9?arch=amd64&distro=debian-12&upstream=glibc", 0, "var/lib/dpkg/status.d/libc6"),
            pkg(Ecosystem.APK, "busybox", "1.36.1-r29", "x86_64", "busybox", "1.36.1-r29", "GPL-2.0-only",
                "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=3.20.3", 0, "lib/apk/db/installed"),
            pkg(Ecosystem.RPM, "bash", "1:5.1.8-9.el9", "x86_64", "bash", "1:5.1.8-9.el9", "GPL-3.0-or-later",
                "pkg:rpm/redhat/bash@5.1.8-9.el9?arch=x86_64&distro=rhel-9.4&epoch=1&upstream=bash-5.1.8-9.el9.src.rpm", 2,
                "var/lib/rpm/rpmdb.sqlite"),
            pkg(Ecosystem.PYPI, "requests", "2.32.3", null, "requests", "2.32.3", "Apache-2.0", "pkg:pypi/requests@2.32.3", 3,
                "usr/lib/python3/site-packages/requests-2.32.3.dist-info/METADATA"),
            pkg(Ecosystem.NPM, "@types/node", "20.1.0", null, "node", "20.1.0", "MIT", "pkg:npm/%40types/node@20.1.0", 3,
                "app/node_modules/@types/node/package.json"),
            pkg(Ecosystem.MAVEN, "org.apache.commons:commons-lang3", "3.14.0", null, "commons-lang3", "3.14.0", null,
                "pkg:maven/org.apache.commons/commons-lang3@3.14.0", 4, "app/lib/app.jar"),
            pkg(Ecosystem.GOLANG, "stdlib", "1.22.5", null, "stdlib", "1.22.5", null, "pkg:golang/stdlib@1.22.5", 5, "usr/bin/api"),
            pkg(Ecosystem.GOLANG, "github.com/x/y", "v1.2.3", null, "github.com/x/y", "v1.2.3", null, "pkg:golang/github.com/x/y@v1.2.3", 5,
                "usr/bin/api"),
            pkg(Ecosystem.CARGO, "serde", "1.0.200", null, "serde", "1.0.200", null, "pkg:cargo/serde@1.0.200", 6, "usr/bin/rs"),
            pkg(Ecosystem.NPM, "weird", "file:x", null, "weird", "file:x", null, null, 6, "app/package-lock.json")),
        List.of("package database /var/lib/rpm/Packages.db (RPM, NDB format) is not read yet: its packages are missing"));
  }
}
