package dev.bulwark.scan.triage;

import static dev.bulwark.scan.triage.TriageFixtures.pkg;
import static dev.bulwark.scan.triage.TriageFixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenVEX and CycloneDX VEX: parsing, matching by id and purl, precedence, and the errors. */
class VexTest {
  static Vex vex(String json) throws TriageException {
    return Vex.parse(json.getBytes(StandardCharsets.UTF_8), "vex.json");
  }

  static String openvex(String statements) {
    return "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"https://example.com/vex-1\", \"author\": \"me\","
        + " \"timestamp\": \"2026-01-01T00:00:00Z\", \"version\": 1, \"statements\": [" + statements + "]}";
  }

  static String statement(String vuln, String product, String status, String more) {
    return "{\"vulnerability\": " + vuln + ", \"products\": [" + product + "], \"status\": \"" + status + "\"" + more + "}";
  }

  @Test
  void openVex_notAffected_byAlias_withJustification() throws Exception {
    Vex v = vex(openvex(statement("{\"name\": \"CVE-2024-1111\", \"aliases\": [\"GHSA-aaaa-bbbb-cccc\"]}", "{\"@id\": \"pkg:pypi/django\"}",
        "not_affected", ", \"justification\": \"vulnerable_code_not_in_execute_path\", \"impact_statement\": \"admin is not served\"")));
    // the finding's id is the GHSA, its alias the CVE: either side matches
    Optional<Suppression> s = v.judge(vuln("GHSA-aaaa-bbbb-cccc"), pkg("pkg:pypi/django@4.2"));
    assertThat(s).hasValueSatisfying(x -> {
      assertThat(x.status()).isEqualTo("not_affected");
      assertThat(x.justification()).isEqualTo("vulnerable_code_not_in_execute_path");
      assertThat(x.detail()).isEqualTo("admin is not served");
      assertThat(x.source()).isEqualTo("openvex vex.json statements[0]");
    });
    assertThat(v.judge(vuln("CVE-2024-1111"), pkg("pkg:pypi/django@4.2"))).isPresent();
    assertThat(v.judge(vuln("CVE-2024-9999"), pkg("pkg:pypi/django@4.2"))).as("another vulnerability").isEmpty();
    assertThat(v.judge(vuln("CVE-2024-1111"), pkg("pkg:pypi/flask@2.0"))).as("another package").isEmpty();
    assertThat(v.judge(vuln("CVE-2024-1111"), pkg("pkg:npm/django@4.2"))).as("another type").isEmpty();
  }

  @Test
  void purl_versionOnlyWhenGiven_qualifiersOnlyThoseGiven() throws Exception {
    Vex v = vex(openvex(statement("{\"name\": \"CVE-1\"}", "{\"@id\": \"pkg:npm/%40scope/lib@1.2.3\"}", "fixed", "")
        + "," + statement("{\"name\": \"CVE-2\"}", "{\"@id\": \"x\", \"identifiers\": {\"purl\": \"pkg:deb/debian/openssl?distro=debian-12\"}}", "not_affected",
            ", \"justification\": \"component_not_present\"")));
    assertThat(v.judge(vuln("CVE-1"), pkg("pkg:npm/%40scope/lib@1.2.3"))).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("fixed"));
    assertThat(v.judge(vuln("CVE-1"), pkg("pkg:npm/%40scope/lib@1.2.4"))).as("the VEX purl names a version").isEmpty();
    assertThat(v.judge(vuln("CVE-1"), pkg("pkg:npm/lib@1.2.3"))).as("another namespace").isEmpty();
    // a deb binary by its source package; the distro qualifier must be there, arch is not asked for
    assertThat(v.judge(vuln("CVE-2"), pkg("pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-12", "openssl", "3.0.11-1"))).isPresent();
    assertThat(v.judge(vuln("CVE-2"), pkg("pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-11", "openssl", "3.0.11-1"))).isEmpty();
    assertThat(v.judge(vuln("CVE-2"), pkg("pkg:deb/debian/libssl3@3.0.11-1?arch=amd64", "openssl", "3.0.11-1"))).isEmpty();
  }

  @Test
  void subcomponents_areWhatIsMatched() throws Exception {
    Vex v = vex(openvex(statement("{\"name\": \"CVE-3\"}",
        "{\"@id\": \"pkg:oci/app@sha256%3Aabc\", \"subcomponents\": [{\"@id\": \"pkg:golang/golang.org/x/net@v0.17.0\"}]}", "not_affected",
        ", \"justification\": \"vulnerable_code_not_present\"")));
    assertThat(v.judge(vuln("CVE-3"), pkg("pkg:golang/golang.org/x/net@v0.17.0"))).isPresent();
    assertThat(v.judge(vuln("CVE-3"), pkg("pkg:golang/golang.org/x/text@v0.17.0"))).isEmpty();
  }

  @Test
  void laterTimestampWins_andAffectedTakesItBack() throws Exception {
    String old = statement("{\"name\": \"CVE-4\"}", "{\"@id\": \"pkg:pypi/django\"}", "not_affected",
        ", \"justification\": \"inline_mitigations_already_exist\", \"timestamp\": \"2026-02-01T00:00:00Z\"");
    String newer = statement("{\"name\": \"CVE-4\"}", "{\"@id\": \"pkg:pypi/django\"}", "affected", ", \"timestamp\": \"2026-03-01T00:00:00+01:00\"");
    // order in the file does not matter, time does
    assertThat(vex(openvex(old + "," + newer)).judge(vuln("CVE-4"), pkg("pkg:pypi/django@4.2"))).isEmpty();
    assertThat(vex(openvex(newer + "," + old)).judge(vuln("CVE-4"), pkg("pkg:pypi/django@4.2"))).isEmpty();
    String under = statement("{\"name\": \"CVE-4\"}", "{\"@id\": \"pkg:pypi/django\"}", "under_investigation", ", \"timestamp\": \"2026-01-15T00:00:00Z\"");
    assertThat(vex(openvex(old + "," + under)).judge(vuln("CVE-4"), pkg("pkg:pypi/django@4.2"))).as("older under_investigation").isPresent();
    // no statement time: the document's (2026-01-01); equal times: the later statement
    String a = statement("{\"name\": \"CVE-5\"}", "{\"@id\": \"pkg:pypi/django\"}", "not_affected", ", \"justification\": \"component_not_present\"");
    String b = statement("{\"name\": \"CVE-5\"}", "{\"@id\": \"pkg:pypi/django\"}", "affected", "");
    assertThat(vex(openvex(a + "," + b)).judge(vuln("CVE-5"), pkg("pkg:pypi/django@4.2"))).isEmpty();
    assertThat(vex(openvex(b + "," + a)).judge(vuln("CVE-5"), pkg("pkg:pypi/django@4.2"))).isPresent();
    // across documents, as given
    Vex both = Vex.of(List.of(vex(openvex(a)), vex(openvex(newer.replace("CVE-4", "CVE-5")))));
    assertThat(both.judge(vuln("CVE-5"), pkg("pkg:pypi/django@4.2"))).isEmpty();
  }

  @Test
  void openVex00_stringForms() throws Exception {
    Vex v = vex("{\"@context\": \"https://openvex.dev/ns\", \"statements\": [{\"vulnerability\": \"CVE-6\", \"products\": [\"pkg:oci/app\"],"
        + " \"subcomponents\": [\"pkg:pypi/django@4.2\"], \"status\": \"not_affected\", \"justification\": \"component_not_present\"}]}");
    assertThat(v.judge(vuln("CVE-6"), pkg("pkg:pypi/django@4.2"))).isPresent();
  }

  static String cdx(String spec, String rest) {
    return "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"" + spec + "\", \"version\": 1, " + rest + "}";
  }

  @Test
  void cycloneDx_statesRefsAndReferences() throws Exception {
    String json = cdx("1.5", "\"components\": [{\"type\": \"library\", \"bom-ref\": \"django-ref\", \"name\": \"django\", \"purl\": \"pkg:pypi/django@4.2\"}],"
        + " \"vulnerabilities\": ["
        + "{\"id\": \"CVE-7\", \"references\": [{\"id\": \"GHSA-7777-7777-7777\", \"source\": {\"name\": \"GitHub\"}}],"
        + "  \"analysis\": {\"state\": \"not_affected\", \"justification\": \"code_not_reachable\", \"detail\": \"never called\"},"
        + "  \"affects\": [{\"ref\": \"django-ref\"}]},"
        + "{\"id\": \"CVE-8\", \"analysis\": {\"state\": \"false_positive\"}, \"affects\": [{\"ref\": \"pkg:npm/lodash\"}]},"
        + "{\"id\": \"CVE-9\", \"analysis\": {\"state\": \"resolved\"}, \"affects\": [{\"ref\": \"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#django-ref\"}]},"
        + "{\"id\": \"CVE-10\", \"analysis\": {\"state\": \"exploitable\"}, \"affects\": [{\"ref\": \"django-ref\"}]},"
        + "{\"id\": \"CVE-11\", \"affects\": [{\"ref\": \"django-ref\"}]}]");
    Vex v = vex(json);
    assertThat(v.judge(vuln("GHSA-7777-7777-7777"), pkg("pkg:pypi/django@4.2"))).hasValueSatisfying(s -> {
      assertThat(s.status()).isEqualTo("not_affected");
      assertThat(s.justification()).isEqualTo("code_not_reachable");
      assertThat(s.detail()).isEqualTo("never called");
      assertThat(s.source()).isEqualTo("cyclonedx vex vex.json vulnerabilities[0]");
    });
    assertThat(v.judge(vuln("CVE-7"), pkg("pkg:pypi/django@4.3"))).as("the ref's purl has a version").isEmpty();
    assertThat(v.judge(vuln("CVE-8"), pkg("pkg:npm/lodash@4.17.20"))).hasValueSatisfying(s -> assertThat(s.detail()).isEqualTo("false positive"));
    assertThat(v.judge(vuln("CVE-9"), pkg("pkg:pypi/django@4.2"))).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("fixed"));
    assertThat(v.judge(vuln("CVE-10"), pkg("pkg:pypi/django@4.2"))).isEmpty();
    assertThat(v.judge(vuln("CVE-11"), pkg("pkg:pypi/django@4.2"))).as("no analysis: no statement").isEmpty();
    assertThat(v.statements()).hasSize(4);
  }

  @Test
  void badDocuments_sayWhereAndWhy() {
    String[][] cases = {
        {"{\"@context\": \"https://openvex.dev/ns/v0.2.0\",\n \"statements\": [}", "vex.json:2:17: not a VEX document (not valid JSON"},
        {"[1]", "vex.json: not a VEX document (not a JSON object)"},
        {"{\"hello\": 1}", "vex.json: not a VEX document (neither OpenVEX"},
        {"{\"@context\": \"https://openvex.dev/ns/v0.2.0\"}", "vex.json: statements: missing"},
        {openvex(statement("{\"name\": \"CVE-1\"}", "{\"@id\": \"pkg:pypi/x\"}", "not_affected", "") + "," + statement("{\"name\": \"CVE-1\"}",
            "{\"@id\": \"pkg:pypi/x\"}", "maybe", "")), "vex.json: statements[1].status: unknown status 'maybe'"},
        {openvex(statement("{\"name\": \"CVE-1\"}", "{\"@id\": \"pkg:pypi/x\"}", "not_affected", ", \"justification\": \"because\"")),
            "vex.json: statements[0].justification: unknown justification 'because'"},
        {openvex(statement("{\"name\": \"CVE-1\"}", "{\"@id\": \"pkg:\"}", "fixed", "")), "vex.json: statements[0].products[0].@id: not a package URL"},
        {openvex(statement("{}", "{\"@id\": \"pkg:pypi/x\"}", "fixed", "")), "vex.json: statements[0].vulnerability: has no name"},
        {openvex("{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixed\"}"), "vex.json: statements[0].products: missing"},
        {openvex(statement("{\"name\": \"CVE-1\"}", "{\"@id\": \"pkg:pypi/x\"}", "fixed", ", \"timestamp\": \"yesterday\"")),
            "vex.json: statements[0].timestamp: not an RFC 3339 time: yesterday"},
        {"{\"@context\": \"https://openvex.dev/ns\", \"statements\": [], \"statements\": []}", "vex.json:1:"},
        {cdx("1.3", "\"vulnerabilities\": []"), "vex.json: specVersion: CycloneDX 1.3"},
        {cdx("1.6", "\"vulnerabilities\": [{\"id\": \"CVE-1\", \"analysis\": {\"state\": \"gone\"}, \"affects\": [{\"ref\": \"pkg:pypi/x\"}]}]"),
            "vex.json: vulnerabilities[0].analysis.state: unknown state 'gone'"},
        {cdx("1.6", "\"vulnerabilities\": [{\"id\": \"CVE-1\", \"analysis\": {\"state\": \"not_affected\"}, \"affects\": [{\"ref\": \"nowhere\"}]}]"),
            "vex.json: vulnerabilities[0].affects[0].ref: 'nowhere' is neither a package URL nor the bom-ref"},
        {cdx("1.6", "\"vulnerabilities\": [{\"analysis\": {\"state\": \"not_affected\"}, \"affects\": []}]"), "vex.json: vulnerabilities[0].id: missing"},
        // a BOM-Link fragment with a broken percent escape was an IllegalArgumentException out of URLDecoder (TriageFuzzTest#vex)
        {cdx("1.6", "\"vulnerabilities\": [{\"id\": \"CVE-1\", \"analysis\": {\"state\": \"not_affected\"}, \"affects\": [{\"ref\": \"urn:cdx:x/1#a%\"}]}]"),
            "vex.json: vulnerabilities[0].affects[0].ref: 'urn:cdx:x/1#a%' is a BOM-Link whose fragment is not percent-encoded"},
        {cdx("1.6", "\"vulnerabilities\": [{\"id\": \"CVE-1\", \"analysis\": {\"state\": \"not_affected\"}, \"affects\": [{\"ref\": \"urn:cdx:x/1#%mm\"}]}]"),
            "vex.json: vulnerabilities[0].affects[0].ref: 'urn:cdx:x/1#%mm' is a BOM-Link"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> vex(c[0])).as(c[0]).isInstanceOf(TriageException.class).hasMessageStartingWith(c[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
