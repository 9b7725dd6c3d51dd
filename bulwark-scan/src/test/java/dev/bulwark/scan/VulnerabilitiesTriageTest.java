package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import dev.bulwark.scan.triage.IgnoreFile;
import dev.bulwark.scan.triage.Suppression;
import dev.bulwark.scan.triage.Triage;
import dev.bulwark.scan.triage.Vex;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.osv.OsvParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Triage inside Vulnerabilities.check: suppressed vulnerabilities are no findings, kept apart and counted in the sentence. */
class VulnerabilitiesTriageTest {
  static String osv(String id, String alias, String pkg, String fixed, String severity) {
    return "{\"id\": \"" + id + "\", \"aliases\": [\"" + alias + "\"], \"summary\": \"" + id + " in " + pkg + "\","
        + " \"database_specific\": {\"severity\": \"" + severity + "\"},"
        + " \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"" + pkg + "\"},"
        + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed + "\"}]}]}]}";
  }

  static MemoryVulnDatabase db() throws Exception {
    return new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), List.of("test"), List.of(
        OsvParser.parse(osv("GHSA-0001-0001-0001", "CVE-2026-0001", "django", "9.0", "HIGH")),
        OsvParser.parse(osv("GHSA-0002-0002-0002", "CVE-2026-0002", "django", "9.0", "MODERATE")),
        OsvParser.parse(osv("GHSA-0003-0003-0003", "CVE-2026-0003", "django", "9.0", "LOW")),
        OsvParser.parse(osv("GHSA-0004-0004-0004", "CVE-2026-0004", "flask", "9.0", "CRITICAL"))));
  }

  static Package pypi(String name, String version) throws Exception {
    return new Package(Ecosystem.PYPI, name, version, null, null, null, null, new PackageURL("pkg:pypi/" + name + "@" + version),
        new Location(1, "usr/lib/python3/site-packages/" + name));
  }

  static Vulnerabilities.Outcome check(List<Triage> triage) throws Exception {
    return Vulnerabilities.check(List.of(pypi("django", "4.2"), pypi("flask", "2.0")), p -> null, db(), -1, LintConfig.DEFAULT, "sbom.json",
        Vulnerabilities.Filter.ALL, triage);
  }

  @Test
  void withoutTriage_theSentenceIsAsBefore() throws Exception {
    Vulnerabilities.Outcome o = check(List.of());
    assertThat(o.findings()).hasSize(4);
    assertThat(o.suppressed()).isEmpty();
    assertThat(o.summary().sentence(false)).isEqualTo("1 critical, 1 high, 1 medium and 1 low vulnerabilities in 2 packages");
  }

  @Test
  void suppressed_areNoFindings_keptApart_andCountedInTheSentence() throws Exception {
    Vex vex = Vex.parse(("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": ["
        + "{\"vulnerability\": {\"name\": \"CVE-2026-0001\"}, \"products\": [{\"@id\": \"pkg:pypi/django\"}], \"status\": \"not_affected\","
        + " \"justification\": \"vulnerable_code_not_present\"},"
        + "{\"vulnerability\": {\"name\": \"GHSA-0004-0004-0004\"}, \"products\": [{\"@id\": \"pkg:pypi/flask@2.0\"}], \"status\": \"not_affected\","
        + " \"justification\": \"component_not_present\"}]}").getBytes(StandardCharsets.UTF_8), "vex.json");
    IgnoreFile ignore = IgnoreFile.parse("vulnerabilities:\n  - id: CVE-2026-0003\n    reason: low and local\n", ".bulwarkignore.yaml",
        IgnoreFile.Format.BULWARK, LocalDate.parse("2026-12-01"));
    Vulnerabilities.Outcome o = check(List.of(ignore, vex));
    assertThat(o.findings()).extracting(f -> f.ruleId()).containsExactly("CVE-2026-0002"); // a CVE shown first, the GHSA an alias
    assertThat(o.summary().all()).isEqualTo(Map.of(Severity.MEDIUM, 1));
    assertThat(o.suppressed()).extracting(s -> s.matched().finding().ruleId() + " " + s.suppression().status())
        .containsExactly("CVE-2026-0004 not_affected", "CVE-2026-0001 not_affected", "CVE-2026-0003 ignored");
    assertThat(o.summary().sentence(false)).isEqualTo("1 medium vulnerability in 2 packages; 2 not affected per VEX, 1 ignored");
    assertThat(o.reported()).extracting(s -> s.source()).containsExactly("openvex vex.json statements[1]", "openvex vex.json statements[0]",
        ".bulwarkignore.yaml:2");
  }

  @Test
  void everythingSuppressed_sentenceStillSaysSo() throws Exception {
    Triage all = new Triage() {
      @Override
      public Optional<Suppression> judge(dev.bulwark.vuln.match.VulnFinding v, Package reported) {
        return Optional.of(new Suppression(Suppression.NOT_AFFECTED, "vulnerable_code_not_present", null, "reachability"));
      }

      @Override
      public String basis() {
        return "reachability analysis";
      }
    };
    Vulnerabilities.Outcome o = check(List.of(all));
    assertThat(o.findings()).isEmpty();
    assertThat(o.summary().sentence(false)).isEqualTo("no known vulnerabilities in 2 packages; 4 not affected per reachability analysis");
  }

  /** A vulnerability of a source package reported on two binaries: suppressed only when both are. */
  @Test
  void everyBinaryMustBeSuppressed() throws Exception {
    Package libssl = new Package(Ecosystem.DEB, "libssl3", "3.0.1-1", null, "openssl", "3.0.1-1", null, new PackageURL("pkg:deb/debian/libssl3@3.0.1-1"),
        new Location(0, "var/lib/dpkg/status"));
    Package tool = new Package(Ecosystem.DEB, "openssl", "3.0.1-1", null, "openssl", "3.0.1-1", null, new PackageURL("pkg:deb/debian/openssl@3.0.1-1"),
        new Location(0, "var/lib/dpkg/status"));
    var db = new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), List.of("test"), List.of(OsvParser.parse(
        "{\"id\": \"CVE-2026-0009\", \"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"openssl\"},"
            + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"3.0.2-1\"}]}]}]}")));
    IgnoreFile onlyLibssl = IgnoreFile.parse("vulnerabilities:\n  - id: CVE-2026-0009\n    packages: [pkg:deb/debian/libssl3]\n", "i.yaml",
        IgnoreFile.Format.BULWARK, LocalDate.parse("2026-12-01"));
    IgnoreFile bySource = IgnoreFile.parse("vulnerabilities:\n  - id: CVE-2026-0009\n    packages: [pkg:deb/debian/openssl]\n", "i.yaml",
        IgnoreFile.Format.BULWARK, LocalDate.parse("2026-12-01"));
    var one = Vulnerabilities.check(List.of(libssl, tool), p -> "Debian:12", db, -1, LintConfig.DEFAULT, "s", Vulnerabilities.Filter.ALL, List.of(onlyLibssl));
    assertThat(one.findings()).hasSize(1);
    assertThat(one.suppressed()).isEmpty();
    var both = Vulnerabilities.check(List.of(libssl, tool), p -> "Debian:12", db, -1, LintConfig.DEFAULT, "s", Vulnerabilities.Filter.ALL, List.of(bySource));
    assertThat(both.findings()).isEmpty();
    assertThat(both.suppressed()).singleElement().satisfies(s -> assertThat(s.matched().packages()).containsExactly(libssl, tool));
  }

  /** One module version in two Go binaries, each judged alike: the reason names the first and counts the other. */
  @Test
  void theSameReasonInSeveralFilesSaysHowMany() throws Exception {
    Package a = new Package(Ecosystem.GOLANG, "stdlib", "1.19.8", null, "stdlib", "1.19.8", null, new PackageURL("pkg:golang/stdlib@1.19.8"),
        new Location(0, "usr/bin/a"));
    Package b = new Package(Ecosystem.GOLANG, "stdlib", "1.19.8", null, "stdlib", "1.19.8", null, new PackageURL("pkg:golang/stdlib@1.19.8"),
        new Location(0, "usr/bin/b"));
    var db = new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), List.of("test"), List.of(OsvParser.parse(
        "{\"id\": \"GO-2099-0009\", \"affected\": [{\"package\": {\"ecosystem\": \"Go\", \"name\": \"stdlib\"},"
            + " \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}]}]}]}")));
    Triage absent = (v, p) -> java.util.Optional.of(new dev.bulwark.scan.triage.Suppression("not_affected", "vulnerable_code_not_present",
        "net/http.Serve is not in " + p.location().path(), "test"));
    var o = Vulnerabilities.check(List.of(a, b), p -> null, db, -1, LintConfig.DEFAULT, "s", Vulnerabilities.Filter.ALL, List.of(absent));
    assertThat(o.suppressed()).singleElement().satisfies(s -> assertThat(s.suppression().detail())
        .isEqualTo("net/http.Serve is not in usr/bin/a; the same in 1 more file"));
    var one = Vulnerabilities.check(List.of(a), p -> null, db, -1, LintConfig.DEFAULT, "s", Vulnerabilities.Filter.ALL, List.of(absent));
    assertThat(one.suppressed()).singleElement().satisfies(s -> assertThat(s.suppression().detail()).isEqualTo("net/http.Serve is not in usr/bin/a"));
  }
}
