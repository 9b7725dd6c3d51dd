package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CycloneDX 1.6 with a vulnerabilities section: refs to the components' bom-refs, ratings, analysis; valid against the 1.6 schema. */
class BomVulnerabilitiesTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void vulnerabilities_affectTheirComponents_andStayValid() throws Exception {
    Sbom sbom = Fixtures.sample();
    Package first = sbom.packages().get(0);
    Package dup = sbom.packages().get(2); // same purl as another package: its own "#2" bom-ref
    List<BomVulnerability> vulns = List.of(
        new BomVulnerability("CVE-2026-0001", List.of("GHSA-aaaa-bbbb-cccc"), "NVD", "https://nvd.nist.gov/vuln/detail/CVE-2026-0001",
            List.of(new BomVulnerability.Rating("CVSS:3.1 9.8", 9.8, "critical", "CVSSv31")), "a summary", "Upgrade openssl to 3.0.2 or later",
            List.of(first, dup), null),
        new BomVulnerability("CVE-2026-0002", List.of(), "NVD", null, List.of(new BomVulnerability.Rating("debian urgency", null, "low", "other")), null, null,
            List.of(first), new BomVulnerability.Analysis("not_affected", "code_not_reachable", List.of(), "the server is never started")),
        new BomVulnerability("GO-2026-0003", List.of(), "Go", null, List.of(new BomVulnerability.Rating("bulwark", null, "unknown", "other")), null, null,
            List.of(first), new BomVulnerability.Analysis("exploitable", null, List.of("will_not_fix"), "ignored (.bulwarkignore.yaml:2): accepted")));
    JsonNode bom = new ObjectMapper().readTree(SbomWriters.cyclonedx(sbom, "1.0.0", T, vulns));
    assertThat(SbomWritersTest.schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(bom)).isEmpty();
    JsonNode v = bom.at("/vulnerabilities");
    assertThat(v).hasSize(3);
    assertThat(v.at("/0/id").asText()).isEqualTo("CVE-2026-0001");
    assertThat(v.at("/0/source/name").asText()).isEqualTo("NVD");
    assertThat(v.at("/0/references/0/id").asText()).isEqualTo("GHSA-aaaa-bbbb-cccc");
    assertThat(v.at("/0/references/0/source/name").asText()).isEqualTo("GitHub");
    assertThat(v.at("/0/ratings/0/score").asDouble()).isEqualTo(9.8);
    assertThat(v.at("/0/ratings/0/method").asText()).isEqualTo("CVSSv31");
    assertThat(v.at("/0/affects/0/ref").asText()).isEqualTo(bom.at("/components/1/bom-ref").asText());
    assertThat(v.at("/0/affects/1/ref").asText()).isEqualTo(bom.at("/components/3/bom-ref").asText()).endsWith("#2");
    assertThat(v.at("/0/analysis").isMissingNode()).isTrue();
    assertThat(v.at("/1/analysis/state").asText()).isEqualTo("not_affected");
    assertThat(v.at("/1/analysis/justification").asText()).isEqualTo("code_not_reachable");
    assertThat(v.at("/2/analysis/response/0").asText()).isEqualTo("will_not_fix");
    // without vulnerabilities: the document as before
    assertThat(SbomWriters.cyclonedx(sbom, "1.0.0", T, List.of())).isEqualTo(SbomWriters.cyclonedx(sbom, "1.0.0", T)).doesNotContain("vulnerabilities");
  }

  @Test
  void aBrokenAnalysis_isCaughtByTheSchema() throws Exception {
    Sbom sbom = Fixtures.sample();
    List<BomVulnerability> bad = List.of(new BomVulnerability("CVE-1", List.of(), "NVD", null, List.of(), null, null, List.of(sbom.packages().get(0)),
        new BomVulnerability.Analysis("ignored", null, List.of(), null)));
    JsonNode bom = new ObjectMapper().readTree(SbomWriters.cyclonedx(sbom, "1.0.0", T, bad));
    assertThat(SbomWritersTest.schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(bom)).isNotEmpty();
  }
}
