package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lookup by OSV ecosystem a matcher uses. */
class VersionSchemesTest {

  @Test
  void ecosystemsPickTheirScheme() {
    assertThat(VersionSchemes.forEcosystem("Debian")).contains(VersionSchemes.DPKG);
    assertThat(VersionSchemes.forEcosystem("Debian:12")).contains(VersionSchemes.DPKG);
    assertThat(VersionSchemes.forEcosystem("Ubuntu:22.04:LTS")).contains(VersionSchemes.DPKG);
    assertThat(VersionSchemes.forEcosystem("Alpine:v3.20")).contains(VersionSchemes.APK);
    assertThat(VersionSchemes.forEcosystem("Wolfi")).contains(VersionSchemes.APK);
    assertThat(VersionSchemes.forEcosystem("Red Hat")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("Rocky Linux:9")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("AlmaLinux:8")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("SUSE:Linux Enterprise Server 15")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("openSUSE:Tumbleweed")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("Mariner")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("Azure Linux")).contains(VersionSchemes.RPM);
    assertThat(VersionSchemes.forEcosystem("PyPI")).contains(VersionSchemes.PEP440);
    assertThat(VersionSchemes.forEcosystem("npm")).contains(VersionSchemes.NPM);
    assertThat(VersionSchemes.forEcosystem("Go")).contains(GoSemver.OSV);
    assertThat(VersionSchemes.forEcosystem("Maven")).contains(VersionSchemes.MAVEN);
    assertThat(VersionSchemes.forEcosystem("crates.io")).contains(VersionSchemes.SEMVER);
    assertThat(VersionSchemes.forEcosystem("RubyGems")).contains(VersionSchemes.RUBYGEMS);
    assertThat(VersionSchemes.forEcosystem("NuGet")).contains(VersionSchemes.NUGET);
    assertThat(VersionSchemes.forEcosystem("Packagist")).isEmpty();
    assertThat(VersionSchemes.forEcosystem("")).isEmpty();
  }

  @Test
  void everySchemeIsFoundByItsName() {
    for (VersionScheme s : VersionSchemes.all()) {
      assertThat(VersionSchemes.byName(s.name())).contains(s);
    }
    assertThat(VersionSchemes.all()).extracting(VersionScheme::name).doesNotHaveDuplicates();
  }

  @Test
  void pseudoVersionsAreRecognised() {
    assertThat(GoSemver.isPseudoVersion("v0.0.0-20191109021931-daa7c04131f5")).isTrue();
    assertThat(GoSemver.isPseudoVersion("v1.2.4-0.20191109021931-daa7c04131f5")).isTrue();
    assertThat(GoSemver.isPseudoVersion("v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible")).isTrue();
    assertThat(GoSemver.isPseudoVersion("v1.2.3-pre")).isFalse();
    assertThat(GoSemver.isPseudoVersion("v1.2.3")).isFalse();
  }
}
