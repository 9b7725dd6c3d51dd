package dev.bulwark.vuln.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.feed.Feeds;
import dev.bulwark.vuln.osv.OsvImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aliases merged, ratings by source, the fix to upgrade to, and the matching rules' negative cases, on OSV JSON lines. */
class FindingsTest {
  @TempDir Path tmp;

  static String rec(String id, String aliases, String extra, String ecosystem, String name, String events) {
    return "{\"id\":\"" + id + "\",\"aliases\":[" + aliases + "]" + extra + ",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem
        + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[" + events + "]}]}]}";
  }

  MemoryVulnDatabase db(String... lines) throws IOException {
    Path f = tmp.resolve("r.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n");
    OsvImport.Result r = Feeds.read(f);
    assertThat(r.errors()).isEmpty();
    return new MemoryVulnDatabase(Instant.EPOCH, List.of(), r.advisories());
  }

  static final String TO_2 = "{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}";

  @Test
  void aGhsaAndItsCveAreOneFindingListingBoth() throws IOException {
    MemoryVulnDatabase db = db(
        rec("PYSEC-2024-1", "\"CVE-2024-1\"", "", "PyPI", "demo-pkg", TO_2),
        rec("GHSA-aaaa-bbbb-cccc", "\"CVE-2024-1\"", ",\"database_specific\":{\"severity\":\"HIGH\"}", "PyPI", "Demo_Pkg",
            "{\"introduced\":\"0\"},{\"fixed\":\"2.1\"}"),
        rec("PYSEC-2024-2", "", "", "PyPI", "demo.pkg", TO_2));
    List<VulnFinding> f = Findings.of(db, "PyPI", "DEMO_pkg", "1.0");
    assertThat(f).hasSize(2);
    VulnFinding merged = f.get(0);
    assertThat(merged.ids()).containsExactly("CVE-2024-1", "PYSEC-2024-1", "GHSA-aaaa-bbbb-cccc");
    assertThat(merged.fixed()).as("the fix that fixes every merged record").isEqualTo("2.1");
    assertThat(merged.rating()).isEqualTo(Rating.HIGH);
    assertThat(merged.ratingSource()).isEqualTo("database_specific HIGH");
    assertThat(f.get(1).ids()).containsExactly("PYSEC-2024-2");
    assertThat(f.get(1).rating()).isEqualTo(Rating.UNKNOWN);
    assertThat(f.get(1).ratingSource()).isEqualTo("none");
  }

  @Test
  void aliasesJoinTransitively() throws IOException {
    String to2 = "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}";
    MemoryVulnDatabase db = db(rec("A-1", "\"X-1\"", "", "npm", "left-pad", to2), rec("B-1", "\"X-1\",\"Y-1\"", "", "npm", "left-pad", to2),
        rec("C-1", "\"Y-1\"", "", "npm", "left-pad", to2));
    assertThat(Findings.of(db, "npm", "left-pad", "1.0.0")).singleElement().extracting(VulnFinding::ids).asList()
        .containsExactly("A-1", "X-1", "B-1", "Y-1", "C-1");
  }

  @Test
  void ratingSourcesInOrder() throws IOException {
    String v31 = "{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}";
    String v40 = "{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N\"}";
    String bad = "{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:Z\"}";
    MemoryVulnDatabase db = db(
        rec("GHSA-1", "", ",\"severity\":[" + v31 + "],\"database_specific\":{\"severity\":\"LOW\"}", "Go", "example.com/a", TO_2),
        rec("GHSA-2", "", ",\"severity\":[" + v31 + "," + v40 + "]", "Go", "example.com/b", TO_2),
        rec("GHSA-3", "", ",\"severity\":[" + bad + "],\"database_specific\":{\"severity\":\"MODERATE\"}", "Go", "example.com/c", TO_2),
        rec("UBUNTU-CVE-2024-9", "", ",\"severity\":[{\"type\":\"Ubuntu\",\"score\":\"medium\"}," + v31 + "]", "Ubuntu:22.04:LTS", "openssl", TO_2));
    VulnFinding a = Findings.of(db, "Go", "example.com/a", "v1.0.0").get(0);
    assertThat(a.rating()).isEqualTo(Rating.CRITICAL);
    assertThat(a.ratingSource()).isEqualTo("CVSS:3.1 9.8");
    VulnFinding b = Findings.of(db, "Go", "example.com/b", "v1.0.0").get(0);
    assertThat(b.ratingSource()).as("4.0 over 3.1").isEqualTo("CVSS:4.0 8.2");
    VulnFinding c = Findings.of(db, "Go", "example.com/c", "v1.0.0").get(0);
    assertThat(c.rating()).isEqualTo(Rating.MEDIUM);
    assertThat(c.ratingSource()).isEqualTo("database_specific MODERATE");
    // the vendor's own rating wins over NVD's vector, and an image's "Ubuntu:22.04" reaches OSV's "Ubuntu:22.04:LTS"
    VulnFinding u = Findings.of(db, "Ubuntu:22.04", "openssl", "1.0").get(0);
    assertThat(u.rating()).isEqualTo(Rating.MEDIUM);
    assertThat(u.ratingSource()).isEqualTo("ubuntu medium");
  }

  @Test
  void negativeCases() throws IOException {
    MemoryVulnDatabase db = db(
        rec("PYSEC-1", "", "", "PyPI", "requests", TO_2),
        rec("PYSEC-2", "", ",\"withdrawn\":\"2024-05-01T00:00:00Z\"", "PyPI", "requests", "{\"introduced\":\"0\"}"),
        rec("DSA-1", "\"CVE-2024-5\"", "", "Debian:12", "openssl", "{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}"));
    // exactly at the fix, and above it
    assertThat(Findings.of(db, "PyPI", "requests", "2.0")).isEmpty();
    assertThat(Findings.of(db, "PyPI", "requests", "2.0.post1")).isEmpty();
    assertThat(Findings.of(db, "PyPI", "requests", "2.0rc1")).extracting(VulnFinding::id).containsExactly("PYSEC-1");
    // withdrawn: never a match
    assertThat(Findings.of(db, "PyPI", "requests", "3.0")).isEmpty();
    // another ecosystem with the same name
    assertThat(Findings.of(db, "npm", "requests", "1.0.0")).isEmpty();
    // another release of the same distribution, and the binary name instead of the source
    assertThat(Findings.of(db, "Debian:11", "openssl", "1.1.1n-0+deb11u4")).isEmpty();
    assertThat(Findings.of(db, "Debian:12", "libssl3", "3.0.11-1~deb12u2")).isEmpty();
    assertThat(Findings.of(db, "Debian:12", "openssl", "3.0.11-1~deb12u2")).extracting(VulnFinding::id).containsExactly("CVE-2024-5");
    assertThat(Findings.of(db, "Debian:12", "openssl", "3.0.13-1~deb12u1")).isEmpty();
  }

  @Test
  void distroReleases() {
    assertThat(Distros.ecosystem("debian", "12", "bookworm")).isEqualTo("Debian:12");
    assertThat(Distros.ecosystem("debian", "12.5", null)).isEqualTo("Debian:12");
    assertThat(Distros.ecosystem("debian", null, "trixie")).isEqualTo("Debian:trixie");
    assertThat(Distros.ecosystem("ubuntu", "22.04", "jammy")).isEqualTo("Ubuntu:22.04");
    assertThat(Distros.ecosystem("alpine", "3.20.3", null)).isEqualTo("Alpine:v3.20");
    assertThat(Distros.ecosystem("alpine", "3.21.0_alpha20240807", null)).isEqualTo("Alpine:edge");
    assertThat(Distros.ecosystem("rhel", "9.4", null)).isNull();
  }
}
