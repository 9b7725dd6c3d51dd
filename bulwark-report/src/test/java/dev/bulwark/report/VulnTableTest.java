package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerablePackage;
import dev.bulwark.core.VulnerablePackage.Origin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Vulnerabilities as a table grouped by package (package, installed, fixed in, id, severity, title), as Trivy and Scout print them. */
class VulnTableTest {

  static Finding vuln(String id, Severity sev, String title, String purl, String path, VulnerablePackage pkg) {
    RuleInfo rule = new RuleInfo(id, title == null ? id + " in " + pkg.name() : title, sev, Category.VULNERABILITIES,
        "A known vulnerability in an installed package.", "Upgrade", List.of(), List.of());
    return new Finding(rule, sev, pkg.name() + " " + pkg.installed() + ": " + id, new Location.Package(purl, path), null, List.of(),
        Optional.empty(), Optional.of(pkg));
  }

  static final VulnerablePackage OPENSSL_FIXED =
      new VulnerablePackage("openssl", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1", null, List.of("libssl3", "openssl"), 0, Origin.BASE);
  static final VulnerablePackage OPENSSL_UNFIXED =
      new VulnerablePackage("openssl", "3.0.11-1~deb12u2", null, "no-dsa", List.of("libssl3", "openssl"), 0, Origin.BASE);
  static final VulnerablePackage NET =
      new VulnerablePackage("golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b", "0.17.0", null, List.of("golang.org/x/net"), 3, Origin.ADDED);

  static ScanReport report() {
    String ssl = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64";
    Finding root = Finding.at(new RuleInfo("BW-M001", "Runs as root", Severity.HIGH, Category.PRIVILEGE, "why", "fix", List.of(), List.of()),
        "The image runs as root", new Location.ImageConfig("User"));
    List<Finding> findings = List.of(root,
        vuln("CVE-2024-0727", Severity.MEDIUM, "openssl: denial of service via null dereference", ssl, "var/lib/dpkg/status", OPENSSL_FIXED),
        vuln("CVE-2024-13176", Severity.LOW, null, ssl, "var/lib/dpkg/status", OPENSSL_UNFIXED),
        vuln("CVE-2023-44487", Severity.HIGH, "HTTP/2 rapid reset can cause excessive work in net/http and golang.org/x/net/http2, "
            + "which a client can use to exhaust a server", "pkg:golang/golang.org/x/net@v0.0.0-20220722155237-a158d28d115b", "usr/local/bin/app", NET),
        vuln("CVE-2024-4741", Severity.HIGH, "openssl: use after free with SSL_free_buffers", ssl, "var/lib/dpkg/status",
            new VulnerablePackage("openssl", "3.0.11-1~deb12u2", "3.0.14-1~deb12u1", null, List.of("libssl3", "openssl"), 0, Origin.BASE)),
        vuln("PYSEC-2099-1", Severity.INFO, null, "pkg:pypi/trac@0.9", "usr/lib/python3/dist-packages/trac-0.9.dist-info/METADATA",
            new VulnerablePackage("trac", "0.9", "0.10", null, List.of("trac"), 1, Origin.ADDED)));
    return new ScanReport(List.of(FileReport.ofImage("app.tar", findings)));
  }

  static String render(ReportWriter w) throws Exception {
    StringBuilder sb = new StringBuilder();
    w.write(report(), sb);
    return sb.toString();
  }

  @Test
  void tty_groupsByPackage_mostSevereFirst_packageWrittenOncePerGroup() throws Exception {
    assertThat(render(new TtyReport(false))).isEqualTo("""
        app.tar
          config  high     BW-M001  The image runs as root
               | image config: User
          vulnerabilities: 5 in 3 packages
          package           installed                           fixed in             id              severity  title
          golang.org/x/net  v0.0.0-20220722155237-a158d28d115b  0.17.0               CVE-2023-44487  high      HTTP/2 rapid reset can cause excessive work in net/http and golang.org/x/net/ht…
               | pkg:golang/golang.org/x/net@v0.0.0-20220722155237-a158d28d115b in /usr/local/bin/app, layer 3 (added on top of the base)
          openssl (base)    3.0.11-1~deb12u2                    3.0.14-1~deb12u1     CVE-2024-4741   high      openssl: use after free with SSL_free_buffers
                                                                3.0.13-1~deb12u1     CVE-2024-0727   medium    openssl: denial of service via null dereference
                                                                no fix yet (no-dsa)  CVE-2024-13176  low
               | pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64 in /var/lib/dpkg/status, layer 0 (base image)
          trac              0.9                                 0.10                 PYSEC-2099-1    unrated
               | pkg:pypi/trac@0.9 in /usr/lib/python3/dist-packages/trac-0.9.dist-info/METADATA, layer 1 (added on top of the base)

        3 high, 1 medium, 1 low, 1 info in 1 image
        """);
  }

  @Test
  void tty_withoutVulnerabilities_hasNoTable() throws Exception {
    StringBuilder sb = new StringBuilder();
    new TtyReport(false).write(new ScanReport(List.of(FileReport.ofImage("app.tar", List.of(report().files().get(0).findings().get(0))))), sb);
    assertThat(sb.toString()).doesNotContain("vulnerabilities:", "fixed in");
  }

  @Test
  void markdown_aFindingsTableThenAPackageTable() throws Exception {
    String md = render(new MarkdownReport());
    assertThat(md).contains("""
        | Severity | Rule | Line | Finding | Fix |
        |---|---|---|---|---|
        | high | BW-M001 | image config: User | The image runs as root | fix |

        | Package | Installed | Fixed in | Vulnerability | Severity | Title |
        |---|---|---|---|---|---|
        | golang.org/x/net | v0.0.0-20220722155237-a158d28d115b | 0.17.0 | CVE-2023-44487 | high | HTTP/2 rapid reset can cause excessive work in net/http and golang.org/x/net/http2, which a client can use to exhaust a server |
        | openssl (base) | 3.0.11-1~deb12u2 | 3.0.14-1~deb12u1 | CVE-2024-4741 | high | openssl: use after free with SSL_free_buffers |
        |  |  | 3.0.13-1~deb12u1 | CVE-2024-0727 | medium | openssl: denial of service via null dereference |
        |  |  | no fix yet (no-dsa) | CVE-2024-13176 | low |  |
        | trac | 0.9 | 0.10 | PYSEC-2099-1 | unrated |  |
        """);
  }

  @Test
  void markdown_onlyVulnerabilities_noEmptyFindingsTable() throws Exception {
    List<Finding> vulns = report().files().get(0).findings().subList(1, 6);
    StringBuilder sb = new StringBuilder();
    new MarkdownReport().write(new ScanReport(List.of(FileReport.ofImage("app.tar", vulns))), sb);
    assertThat(sb.toString()).doesNotContain("| Severity | Rule |").contains("| Package | Installed |");
  }

  @Test
  void json_carriesThePackageAsValues() throws Exception {
    JsonNode findings = new ObjectMapper().readTree(render(new JsonReport("test"))).at("/files/0/findings");
    assertThat(findings.get(0).has("package")).as("a finding that is not a vulnerability has no package").isFalse();
    JsonNode unfixed = findings.get(2).at("/package");
    assertThat(unfixed.at("/name").asText()).isEqualTo("openssl");
    assertThat(unfixed.at("/installed").asText()).isEqualTo("3.0.11-1~deb12u2");
    assertThat(unfixed.at("/fixedIn").isNull()).isTrue();
    assertThat(unfixed.at("/note").asText()).isEqualTo("no-dsa");
    assertThat(unfixed.at("/binaries").toString()).isEqualTo("[\"libssl3\",\"openssl\"]");
    assertThat(unfixed.at("/layer").asInt()).isZero();
    assertThat(unfixed.at("/origin").asText()).isEqualTo("base");
    assertThat(findings.get(3).at("/package/fixedIn").asText()).isEqualTo("0.17.0");
    assertThat(findings.get(3).at("/package/origin").asText()).isEqualTo("added");
  }
}
