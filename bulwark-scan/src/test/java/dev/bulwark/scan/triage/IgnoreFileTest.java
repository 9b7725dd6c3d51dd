package dev.bulwark.scan.triage;

import static dev.bulwark.scan.triage.TriageFixtures.pkg;
import static dev.bulwark.scan.triage.TriageFixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The ignore files: Bulwark's YAML, Trivy's .trivyignore and .trivyignore.yaml; expiry, reasons, errors with file:line. */
class IgnoreFileTest {
  static final LocalDate DAY = LocalDate.parse("2027-03-31");

  static IgnoreFile bulwark(String text, LocalDate today) throws TriageException {
    return IgnoreFile.parse(text, ".bulwarkignore.yaml", IgnoreFile.Format.BULWARK, today);
  }

  static final String FILE = """
      vulnerabilities:
        - id: CVE-2024-1234          # a CVE; the finding may be shown by its GHSA
          packages: [pkg:deb/debian/openssl]
          reason: "only used for TLS client to our own server"
          expires: 2027-03-31
        - id: GHSA-xxxx-yyyy-zzzz
        - id: GO-2024-0001
          paths: [/app/server]
      """;

  @Test
  void entries_matchByIdAndPackage_withReasonAndSource() throws Exception {
    IgnoreFile f = bulwark(FILE, DAY);
    var openssl = pkg("pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-12", "openssl", "3.0.11-1");
    assertThat(f.judge(vuln("GHSA-1111-2222-3333", "CVE-2024-1234"), openssl)).hasValueSatisfying(s -> {
      assertThat(s.status()).isEqualTo("ignored");
      assertThat(s.justification()).isNull();
      assertThat(s.detail()).isEqualTo("only used for TLS client to our own server");
      assertThat(s.source()).isEqualTo(".bulwarkignore.yaml:2");
    });
    assertThat(f.judge(vuln("CVE-2024-1234"), pkg("pkg:deb/debian/curl@8.0?distro=debian-12", "curl", "8.0"))).as("not that package").isEmpty();
    assertThat(f.judge(vuln("GHSA-xxxx-yyyy-zzzz"), pkg("pkg:npm/lodash@4.17.20"))).hasValueSatisfying(s -> {
      assertThat(s.detail()).isEqualTo("no reason given");
      assertThat(s.source()).isEqualTo(".bulwarkignore.yaml:6");
    });
    assertThat(f.judge(vuln("GO-2024-0001"), pkg("pkg:golang/x@v1"))).as("found elsewhere than /app/server").isEmpty();
    var inServer = new dev.bulwark.sbom.Package(dev.bulwark.sbom.Ecosystem.GOLANG, "x", "v1", null, null, null, null, pkg("pkg:golang/x@v1").purl(),
        new dev.bulwark.sbom.Location(2, "app/server"));
    assertThat(f.judge(vuln("GO-2024-0001"), inServer)).isPresent();
    assertThat(f.warnings()).isEmpty();
  }

  @Test
  void expiry_appliesThroughItsDay_thenWarnsWithFileLine() throws Exception {
    var openssl = pkg("pkg:deb/debian/openssl@3.0.11-1", "openssl", "3.0.11-1");
    assertThat(bulwark(FILE, DAY).judge(vuln("CVE-2024-1234"), openssl)).as("on the day").isPresent();
    IgnoreFile after = bulwark(FILE, DAY.plusDays(1));
    assertThat(after.judge(vuln("CVE-2024-1234"), openssl)).as("the day after").isEmpty();
    assertThat(after.warnings()).containsExactly(
        ".bulwarkignore.yaml:2: the ignore entry for CVE-2024-1234 expired on 2027-03-31: it no longer applies, and its findings are reported again");
    assertThat(after.judge(vuln("GHSA-xxxx-yyyy-zzzz"), openssl)).as("the others still apply").isPresent();
  }

  @Test
  void badFiles_sayFileLineAndWhy() {
    String[][] cases = {
        {"vulnerabilities:\n  - id: CVE-1\n    reasons: typo\n", ".bulwarkignore.yaml:3: unknown key 'reasons' (expected expires, id, packages, paths, reason)"},
        {"vulnerabilities:\n  - id: CVE-1\n    expires: 2027-02-30\n", ".bulwarkignore.yaml:3: '2027-02-30' is not a date (YYYY-MM-DD)"},
        {"vulnerabilities:\n  - id: CVE-1\n    expires: next year\n", ".bulwarkignore.yaml:3: 'next year' is not a date"},
        {"vulnerabilities:\n  - reason: no id\n", ".bulwarkignore.yaml:2: the entry has no id"},
        {"vulnerabilities:\n  - id: CVE-1\n    packages: [\"pkg:\"]\n", ".bulwarkignore.yaml:3: packages: not a package URL"},
        {"ignore:\n  - CVE-1\n", ".bulwarkignore.yaml:1: unknown key 'ignore' (expected vulnerabilities)"},
        {"vulnerabilities: CVE-1\n", ".bulwarkignore.yaml:1: vulnerabilities: expected a list"},
        {"vulnerabilities:\n  - CVE-1\n", ".bulwarkignore.yaml:2: an entry is a mapping with an id"},
        {"vulnerabilities:\n\t- id: x\n", ".bulwarkignore.yaml:2:"},
        // a second document after an empty one: an empty document has no root node to take a line from (TriageFuzzTest#ignoreFile)
        {"---\n---\nvulnerabilities: []\n", ".bulwarkignore.yaml:2: more than one YAML document"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> bulwark(c[0], DAY)).as(c[0]).isInstanceOf(TriageException.class).hasMessageStartingWith(c[1]);
    }
  }

  @Test
  void emptyFilesIgnoreNothing() throws Exception {
    assertThat(bulwark("", DAY).entries()).isEmpty();
    assertThat(bulwark("# nothing accepted yet\nvulnerabilities:\n", DAY).entries()).isEmpty();
    assertThat(bulwark("---\n", DAY).entries()).as("one empty document").isEmpty();
  }

  @Test
  void trivyIgnore_idsCommentsAndExp() throws Exception {
    String text = """
        # Accept the risk: not reachable
        CVE-2023-0001
        CVE-2023-0002 exp:2027-03-31

        # an old one
        GHSA-aaaa-bbbb-cccc exp:2020-01-01
        CVE-2023-0003 # inline reason
        """;
    IgnoreFile f = IgnoreFile.parse(text, ".trivyignore", IgnoreFile.Format.of(".trivyignore"), DAY);
    var p = pkg("pkg:pypi/django@4.2");
    assertThat(f.judge(vuln("CVE-2023-0001"), p)).hasValueSatisfying(s -> {
      assertThat(s.detail()).isEqualTo("Accept the risk: not reachable");
      assertThat(s.source()).isEqualTo(".trivyignore:2");
    });
    assertThat(f.judge(vuln("CVE-2023-0002"), p)).hasValueSatisfying(s -> assertThat(s.detail()).isEqualTo("no reason given"));
    assertThat(f.judge(vuln("GHSA-aaaa-bbbb-cccc"), p)).isEmpty();
    assertThat(f.judge(vuln("CVE-2023-0003"), p)).hasValueSatisfying(s -> assertThat(s.detail()).isEqualTo("inline reason"));
    assertThat(f.warnings()).singleElement().asString().startsWith(".trivyignore:6: the ignore entry for GHSA-aaaa-bbbb-cccc expired on 2020-01-01");
    assertThatThrownBy(() -> IgnoreFile.parse("CVE-1 exp:soon\n", ".trivyignore", IgnoreFile.Format.TRIVY_TEXT, DAY))
        .hasMessage(".trivyignore:1: 'soon' is not a date (YYYY-MM-DD)");
    assertThatThrownBy(() -> IgnoreFile.parse("\nCVE-1 CVE-2\n", ".trivyignore", IgnoreFile.Format.TRIVY_TEXT, DAY))
        .hasMessageStartingWith(".trivyignore:2: unexpected 'CVE-2' after the id");
  }

  @Test
  void trivyIgnoreYaml_purlsStatementExpiredAt() throws Exception {
    String text = """
        vulnerabilities:
          - id: CVE-2023-0001
            purls: ["pkg:npm/lodash"]
            statement: lodash is only used at build time
            expired_at: 2027-04-01
          - id: CVE-2023-0002
            expired_at: 2027-03-30
        misconfigurations:
          - id: AVD-DS-0002
        """;
    assertThat(IgnoreFile.Format.of("dir/.trivyignore.yaml")).isEqualTo(IgnoreFile.Format.TRIVY_YAML);
    assertThat(IgnoreFile.Format.of("dir/accepted.yaml")).isEqualTo(IgnoreFile.Format.BULWARK);
    IgnoreFile f = IgnoreFile.parse(text, ".trivyignore.yaml", IgnoreFile.Format.TRIVY_YAML, DAY);
    assertThat(f.judge(vuln("CVE-2023-0001"), pkg("pkg:npm/lodash@4.17.20"))).hasValueSatisfying(s -> {
      assertThat(s.detail()).isEqualTo("lodash is only used at build time");
      assertThat(s.source()).isEqualTo(".trivyignore.yaml:2");
    });
    assertThat(f.judge(vuln("CVE-2023-0001"), pkg("pkg:npm/underscore@1.0"))).isEmpty();
    assertThat(f.warnings()).singleElement().asString().startsWith(".trivyignore.yaml:6: the ignore entry for CVE-2023-0002 expired on 2027-03-30");
    assertThatThrownBy(() -> IgnoreFile.parse("vulnerabilities:\n  - id: x\n    reason: r\n", "t.trivyignore.yaml", IgnoreFile.Format.TRIVY_YAML, DAY))
        .hasMessageStartingWith("t.trivyignore.yaml:3: unknown key 'reason' (expected expired_at, id, paths, purls, statement)");
  }
}
