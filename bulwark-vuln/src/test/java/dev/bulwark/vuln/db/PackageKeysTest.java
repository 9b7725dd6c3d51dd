package dev.bulwark.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageKeysTest {

  @Test
  void pypiNamesFollowPep503() {
    assertThat(PackageKeys.name("PyPI", "Django")).isEqualTo("django");
    assertThat(PackageKeys.name("PyPI", "zope.interface")).isEqualTo("zope-interface");
    assertThat(PackageKeys.name("PyPI", "Foo__Bar-._baz")).isEqualTo("foo-bar-baz");
  }

  @Test
  void caseFoldsOnlyWhereTheRegistryIgnoresCase() {
    assertThat(PackageKeys.name("NuGet", "Newtonsoft.Json")).isEqualTo("newtonsoft.json");
    assertThat(PackageKeys.name("Packagist", "Symfony/HTTP-Kernel")).isEqualTo("symfony/http-kernel");
    assertThat(PackageKeys.name("npm", "JSONStream")).isEqualTo("JSONStream");
    assertThat(PackageKeys.name("Go", "github.com/BurntSushi/toml")).isEqualTo("github.com/BurntSushi/toml");
    assertThat(PackageKeys.name("Maven", "org.Foo:Bar")).isEqualTo("org.Foo:Bar");
    assertThat(PackageKeys.name("Debian:12", "libxml2")).isEqualTo("libxml2");
  }

  @Test
  void ecosystemsKeepTheirRelease() {
    assertThat(PackageKeys.ecosystem("PyPI")).isEqualTo("pypi");
    assertThat(PackageKeys.ecosystem("Debian:12")).isEqualTo("debian:12");
    assertThat(PackageKeys.ecosystem("Alpine:3.20")).isEqualTo("alpine:v3.20");
    assertThat(PackageKeys.ecosystem("Alpine:v3.20")).isEqualTo("alpine:v3.20");
    // an image says 22.04; OSV writes 22.04:LTS: one release
    assertThat(PackageKeys.ecosystem("Ubuntu:22.04:LTS")).isEqualTo("ubuntu:22.04");
    assertThat(PackageKeys.ecosystem("Ubuntu:22.04")).isEqualTo("ubuntu:22.04");
  }
}
