package dev.bulwark.vuln.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesTest {
  private static List<Download> plan(List<String> sources, List<String> ecosystems, List<String> branches, URI osv) {
    return Sources.plan(new Sources.Selection(sources, ecosystems, branches, osv, Sources.ALPINE_BASE, Sources.DEBIAN_BASE));
  }

  @Test
  void theOfficialLocations() {
    List<Download> p = plan(Sources.ALL, List.of("PyPI", "GitHub Actions", "Debian:12"), List.of("v3.22"), Sources.OSV_BASE);
    assertThat(p).extracting(d -> d.uri().toString()).containsExactly(
        "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
        "https://osv-vulnerabilities.storage.googleapis.com/GitHub%20Actions/all.zip",
        "https://osv-vulnerabilities.storage.googleapis.com/Debian:12/all.zip",
        "https://secdb.alpinelinux.org/v3.22/main.json",
        "https://secdb.alpinelinux.org/v3.22/community.json",
        "https://security-tracker.debian.org/tracker/data/json");
    assertThat(p).extracting(Download::label).containsExactly("osv PyPI", "osv GitHub Actions", "osv Debian:12", "alpine v3.22/main",
        "alpine v3.22/community", "debian tracker");
    assertThat(p).extracting(Download::fileName).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Za-z0-9._-]+"));
    assertThat(p.get(0).kind()).isEqualTo(Download.Kind.OSV_ZIP);
    assertThat(p.get(3).scope()).isEqualTo(new Download.Scope("Alpine:v3.22", false));
  }

  @Test
  void aMirrorKeepsItsPath() {
    URI mirror = Sources.base("http://mirror.local:8080/osv/", "--osv-url");
    assertThat(plan(List.of(Sources.OSV), List.of("npm"), List.of(), mirror)).singleElement()
        .satisfies(d -> assertThat(d.uri()).hasToString("http://mirror.local:8080/osv/npm/all.zip"));
  }

  @Test
  void badNamesAndUrlsAreRefusedInWords() {
    assertThatThrownBy(() -> plan(List.of("nvd"), List.of(), List.of(), Sources.OSV_BASE)).hasMessage("unknown source 'nvd' (expected osv, alpine, debian)");
    assertThatThrownBy(() -> plan(List.of(Sources.OSV), List.of("../etc"), List.of(), Sources.OSV_BASE)).hasMessageContaining("not an OSV ecosystem");
    assertThatThrownBy(() -> plan(List.of(Sources.ALPINE), List.of(), List.of("3.20"), Sources.OSV_BASE)).hasMessageContaining("not an Alpine branch");
    assertThatThrownBy(() -> Sources.base("file:///srv/osv", "--osv-url")).hasMessageContaining("not an http or https URL");
    assertThatThrownBy(() -> Sources.base("https://m/osv?x=1", "--osv-url")).hasMessageContaining("query");
    assertThatThrownBy(() -> Sources.base("http://bad host/", "BULWARK_OSV_URL")).hasMessageStartingWith("BULWARK_OSV_URL 'http://bad host/' is not a URL");
  }

  @Test
  void scopesCoverTheirReleases() {
    assertThat(new Download.Scope("Ubuntu", true).covers("Ubuntu:22.04:LTS")).isTrue();
    assertThat(new Download.Scope("Ubuntu", true).covers("UbuntuX")).isFalse();
    assertThat(new Download.Scope("Alpine:v3.2", false).covers("Alpine:v3.20")).isFalse();
    assertThat(new Download.Scope("Debian", true).covers("Debian:sid")).isTrue();
  }
}
