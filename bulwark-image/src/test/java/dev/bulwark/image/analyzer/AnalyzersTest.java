package dev.bulwark.image.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.FileInterest;
import dev.bulwark.image.fs.FileInterest.Keep;
import dev.bulwark.sbom.Ecosystem;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry: one analyzer per ecosystem source, and the interest the layer reader gets from it. */
class AnalyzersTest {

  @Test
  void registry_namesEveryEcosystemSource_once() {
    assertThat(Analyzers.all()).extracting(PackageAnalyzer::name).doesNotHaveDuplicates().containsExactly("dpkg", "dpkg-status.d", "apk", "rpm",
        "python", "node-modules", "node-lock", "java-archive", "go-binary", "rust-binary");
    assertThat(Analyzers.all()).extracting(PackageAnalyzer::ecosystem).contains(Ecosystem.DEB, Ecosystem.APK, Ecosystem.RPM, Ecosystem.PYPI,
        Ecosystem.NPM, Ecosystem.MAVEN, Ecosystem.GOLANG, Ecosystem.CARGO);
    assertThat(Analyzers.all()).allSatisfy(a -> assertThat(a.version()).isPositive());
  }

  @Test
  void interest_keepsDatabasesWithHistory_applicationFilesOnce_andWatchesExecutables() {
    FileInterest i = Analyzers.interest(Analyzers.all());
    assertThat(Stream.of("var/lib/dpkg/status", "var/lib/dpkg/status.d/libc6", "lib/apk/db/installed", "var/lib/rpm/Packages",
        "usr/lib/sysimage/rpm/rpmdb.sqlite-wal", "etc/os-release")).allSatisfy(p -> assertThat(i.keep(p)).as(p).isEqualTo(Keep.EVERY_VERSION));
    assertThat(Stream.of("app/lib/x.jar", "srv/package-lock.json", "app/node_modules/a/package.json", "x.dist-info/METADATA"))
        .allSatisfy(p -> assertThat(i.keep(p)).as(p).isEqualTo(Keep.LAST));
    assertThat(Stream.of("var/lib/dpkg/status.d/libc6.md5sums", "app/package.json", "usr/bin/bash", "var/lib/rpm/Packages.db"))
        .allSatisfy(p -> assertThat(i.keep(p)).as(p).isEqualTo(Keep.NONE));
    assertThat(i.watch(new FileEntry("usr/bin/app", FileEntry.Type.FILE, 0755, 0, 0, 5000, null, 0))).hasSize(2);
    assertThat(i.watch(new FileEntry("usr/bin/tiny", FileEntry.Type.FILE, 0755, 0, 0, 100, null, 0))).isEmpty();
    assertThat(i.watch(new FileEntry("etc/data", FileEntry.Type.FILE, 0644, 0, 0, 5000, null, 0))).isEmpty();
  }
}
