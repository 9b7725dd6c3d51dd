package dev.bulwark.scan.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Severity;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import dev.bulwark.scan.compare.Comparison.Change;
import dev.bulwark.scan.compare.ImageSummary.Layer;
import dev.bulwark.scan.compare.ImageSummary.Vuln;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Compare} and {@link ComparisonReport} on hand-made summaries: every kind of change, and what each format says of it. */
class CompareTest {
  static Package pkg(Ecosystem e, String name, String version) {
    return new Package(e, name, version, null, name, version, null, null, new Location(0, null));
  }

  static Vuln vuln(String id, Severity s, String pkg, String version, String fixed) {
    return new Vuln(id, List.of(), s, pkg, version, fixed);
  }

  static final Layer BASE = new Layer("sha256:" + "a".repeat(64), 30_000_000, 80_000_000);

  static ImageSummary before() {
    return new ImageSummary("app:1", "Debian GNU/Linux 12", "linux/amd64", "", List.of("/app"), List.of(), List.of("8080/tcp"), "debian:12", null,
        List.of(BASE, new Layer("sha256:" + "b".repeat(64), 2_000_000, 5_000_000)),
        List.of(pkg(Ecosystem.DEB, "openssl", "3.0.11-1~deb12u1"), pkg(Ecosystem.DEB, "curl", "7.88.1-10"), pkg(Ecosystem.PYPI, "requests", "2.31.0"),
            pkg(Ecosystem.NPM, "lodash", "4.17.21"), pkg(Ecosystem.NPM, "lodash", "3.10.1"), pkg(Ecosystem.DEB, "tzdata", "2024a-0+deb12u1"),
            pkg(Ecosystem.PYPI, "django", "4.2.1"), pkg(Ecosystem.GENERIC, "blob", "x")),
        List.of(vuln("CVE-1", Severity.HIGH, "openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1"), vuln("CVE-2", Severity.LOW, "curl", "7.88.1-10", null),
            vuln("CVE-3", Severity.MEDIUM, "tzdata", "2024a-0+deb12u1", null)));
  }

  static ImageSummary after() {
    return new ImageSummary("app:2", "Debian GNU/Linux 12", "linux/amd64", "10001", List.of("/app", "--serve"), List.of(), List.of("8080/tcp"), "debian:12",
        null, List.of(BASE, new Layer("sha256:" + "c".repeat(64), 2_500_000, 6_000_000), new Layer("sha256:" + "d".repeat(64), 500_000, 1_000_000)),
        List.of(pkg(Ecosystem.DEB, "openssl", "3.0.13-1~deb12u1"), pkg(Ecosystem.PYPI, "requests", "2.31.0"), pkg(Ecosystem.NPM, "lodash", "4.17.21"),
            pkg(Ecosystem.DEB, "tzdata", "2024a-0+deb12u1"), pkg(Ecosystem.PYPI, "django", "4.2"), pkg(Ecosystem.PYPI, "flask", "3.0.0"),
            pkg(Ecosystem.GENERIC, "blob", "y")),
        List.of(vuln("CVE-3", Severity.MEDIUM, "tzdata", "2024a-0+deb12u1", null), vuln("CVE-4", Severity.CRITICAL, "django", "4.2", "4.2.1"),
            vuln("CVE-1", Severity.HIGH, "openssl-other", "1", null)));
  }

  @Test
  void packages_addedRemovedAndMovedByTheirOwnVersionOrder() {
    Comparison c = Compare.of(before(), after());
    assertThat(c.packages()).extracting(p -> p.change(), p -> p.ecosystem(), p -> p.name(), p -> p.fromVersions(), p -> p.toVersions()).containsExactly(
        tuple(Change.REMOVED, Ecosystem.DEB, "curl", List.of("7.88.1-10"), List.of()),
        tuple(Change.UPGRADED, Ecosystem.DEB, "openssl", List.of("3.0.11-1~deb12u1"), List.of("3.0.13-1~deb12u1")),
        tuple(Change.DOWNGRADED, Ecosystem.PYPI, "django", List.of("4.2.1"), List.of("4.2")),
        tuple(Change.ADDED, Ecosystem.PYPI, "flask", List.of(), List.of("3.0.0")),
        // two copies became one: a change, neither way
        tuple(Change.CHANGED, Ecosystem.NPM, "lodash", List.of("3.10.1", "4.17.21"), List.of("4.17.21")),
        // no version order for a type Bulwark does not know
        tuple(Change.CHANGED, Ecosystem.GENERIC, "blob", List.of("x"), List.of("y")));
    assertThat(c.packages(Change.ADDED)).hasSize(1);
  }

  @Test
  void dpkgTildeSortsBeforeTheRelease_soThisIsAnUpgrade() {
    var changes = Compare.packages(List.of(pkg(Ecosystem.DEB, "x", "1.0~rc1")), List.of(pkg(Ecosystem.DEB, "x", "1.0")));
    assertThat(changes).singleElement().satisfies(p -> assertThat(p.change()).isEqualTo(Change.UPGRADED));
    // the reverse of an upgrade
    assertThat(Compare.packages(List.of(pkg(Ecosystem.DEB, "x", "1.0")), List.of(pkg(Ecosystem.DEB, "x", "1.0~rc1"))).get(0).change())
        .isEqualTo(Change.DOWNGRADED);
    assertThat(Compare.packages(List.of(pkg(Ecosystem.DEB, "x", "1.0")), List.of(pkg(Ecosystem.DEB, "x", "1.0")))).isEmpty();
  }

  @Test
  void vulns_fixedAndIntroducedByIdAndPackage() {
    Comparison c = Compare.of(before(), after());
    // CVE-1 left openssl (fixed) and is in another package now (introduced there); CVE-3 stayed
    assertThat(c.vulns().fixed()).extracting(Vuln::id, Vuln::pkg).containsExactly(tuple("CVE-1", "openssl"), tuple("CVE-2", "curl"));
    assertThat(c.vulns().introduced()).extracting(Vuln::id, Vuln::pkg).containsExactly(tuple("CVE-4", "django"), tuple("CVE-1", "openssl-other"));
    assertThat(c.vulns().before()).containsEntry(Severity.HIGH, 1).containsEntry(Severity.LOW, 1).containsEntry(Severity.CRITICAL, 0);
    assertThat(c.vulns().after()).containsEntry(Severity.CRITICAL, 1).containsEntry(Severity.LOW, 0);
    assertThat(c.vulnsIncreased()).isTrue();
    // the other way round nothing is new but CVE-2 and CVE-1 in openssl
    Comparison back = Compare.of(after(), before());
    assertThat(back.vulns().introduced()).extracting(Vuln::id).containsExactly("CVE-1", "CVE-2");
    // the same image: no change, nothing increased
    Comparison same = Compare.of(before(), before());
    assertThat(same.vulnsIncreased()).isFalse();
    assertThat(same.packages()).isEmpty();
    assertThat(same.fields()).noneMatch(Comparison.FieldChange::changed);
  }

  @Test
  void withoutADatabaseOnEitherSide_vulnsAreNotCompared() {
    ImageSummary a = before();
    ImageSummary noVulns = new ImageSummary(a.name(), a.os(), a.platform(), a.user(), a.entrypoint(), a.cmd(), a.exposedPorts(), a.baseName(), a.baseDigest(),
        a.layers(), a.packages(), null);
    Comparison c = Compare.of(noVulns, after());
    assertThat(c.vulns()).isNull();
    assertThat(c.vulnsIncreased()).isFalse();
  }

  @Test
  void fieldsSizesAndLayers() {
    Comparison c = Compare.of(before(), after());
    assertThat(c.fields()).filteredOn(Comparison.FieldChange::changed).extracting(f -> f.field(), f -> f.from(), f -> f.to())
        .containsExactly(tuple("user", "(root: not set)", "10001"), tuple("entrypoint", "/app", "/app --serve"));
    assertThat(c.size()).isEqualTo(new Comparison.Sizes(32_000_000, 33_000_000, 85_000_000, 87_000_000));
    assertThat(c.layers().shared()).isEqualTo(1);
    assertThat(c.layers().removed()).extracting(Layer::diffId).containsExactly("sha256:" + "b".repeat(64));
    assertThat(c.layers().added()).extracting(Layer::diffId).containsExactly("sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64));
    // a layer the same but in another place is not shared: what is under it differs
    var moved = Compare.layers(List.of(BASE), List.of(new Layer("sha256:e", 1, 1), BASE));
    assertThat(moved.shared()).isZero();
  }

  @Test
  void table() throws Exception {
    String t = ComparisonReport.write(Compare.of(before(), after()), ComparisonReport.Format.TABLE);
    assertThat(t).contains("  user             (root: not set)          10001                         changed",
        "  size             32.0 MB                  33.0 MB                       +1.0 MB",
        "Vulnerabilities: 2 introduced, 2 fixed", "+ introduced  critical  CVE-4  django 4.2                fixed in 4.2.1", "fixed in 4.2.1", "- fixed       low       CVE-2  curl 7.88.1-10            no fix yet",
        "no fix yet", "Packages: 1 added, 1 removed, 1 upgraded, 1 downgraded, 2 changed", "~ upgraded    deb      openssl  3.0.11-1~deb12u1 -> 3.0.13-1~deb12u1",
        "Layers: 1 shared, 1 removed, 2 added", "+ added    sha256:cccccccccccc  2.5 MB");
    assertThat(t.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("app:2 against app:1: 2 new vulnerabilities (1 critical, 1 high); 2 fixed (1 high, 1 low); packages: 1 added, 1 removed, 4 changed; size +1.0 MB");
  }

  @Test
  void json() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ComparisonReport.write(Compare.of(before(), after()), ComparisonReport.Format.JSON));
    assertThat(j.get("image").asText()).isEqualTo("app:2");
    assertThat(j.get("comparedTo").asText()).isEqualTo("app:1");
    assertThat(j.at("/vulnerabilities/introducedBySeverity/critical").asInt()).isEqualTo(1);
    assertThat(j.at("/vulnerabilities/fixedBySeverity/low").asInt()).isEqualTo(1);
    assertThat(j.at("/vulnerabilities/introduced/0/fixed").asText()).isEqualTo("4.2.1");
    assertThat(j.at("/vulnerabilities/fixed/1/fixed").isNull()).isTrue();
    assertThat(j.at("/packages/changes/1/change").asText()).isEqualTo("upgraded");
    assertThat(j.at("/size/deltaBytes").asLong()).isEqualTo(1_000_000);
    assertThat(j.at("/fields/user/changed").asBoolean()).isTrue();
    assertThat(j.at("/fields/base image/to").asText()).isEqualTo("debian:12");
    assertThat(j.get("vulnsIncreased").asBoolean()).isTrue();
  }

  @Test
  void markdown_forAPullRequestComment_escapesWhatTheImagesSay() throws Exception {
    ImageSummary a = after();
    ImageSummary hostile = new ImageSummary("app|2`\u001b[31m", a.os(), a.platform(), "a|b", a.entrypoint(), a.cmd(), a.exposedPorts(), a.baseName(),
        a.baseDigest(), a.layers(), a.packages(), a.vulns());
    String md = ComparisonReport.write(Compare.of(before(), hostile), ComparisonReport.Format.MD);
    assertThat(md).startsWith("## Bulwark compare: `app\\|2'^[[31m` against `app:1`\n")
        .contains("| user | (root: not set) | **a\\|b** |", "| size | 32.0 MB | 33.0 MB (+1.0 MB) |", "### Vulnerabilities: 2 introduced, 2 fixed",
            "| introduced | critical | CVE-4 | django 4.2 | 4.2.1 |", "| fixed | low | CVE-2 | curl 7.88.1-10 | no fix yet |",
            "<details><summary>Packages: 1 added, 1 removed, 1 upgraded, 1 downgraded, 2 changed</summary>", "| downgraded | pypi | django | 4.2.1 | 4.2 |")
        .doesNotContain("\u001b");
  }

  @Test
  void layersSayTheBuildStepThatMadeThem() throws Exception {
    ImageSummary a = after();
    List<Layer> layers = List.of(BASE, new Layer("sha256:" + "c".repeat(64), 2_500_000, 6_000_000, "RUN /bin/sh -c apk add --no-cache curl # buildkit"),
        new Layer("sha256:" + "d".repeat(64), 500_000, 1_000_000, "/bin/sh -c #(nop) COPY file:0123 in /app \u001b[2J"));
    ImageSummary withHistory = new ImageSummary(a.name(), a.os(), a.platform(), a.user(), a.entrypoint(), a.cmd(), a.exposedPorts(), a.baseName(),
        a.baseDigest(), layers, a.packages(), a.vulns());
    Comparison c = Compare.of(before(), withHistory);
    assertThat(ComparisonReport.write(c, ComparisonReport.Format.TABLE))
        .contains("+ added    sha256:cccccccccccc  2.5 MB    RUN /bin/sh -c apk add --no-cache curl", "COPY file:0123 in /app ^[[2J").doesNotContain("\u001b");
    assertThat(ComparisonReport.write(c, ComparisonReport.Format.MD)).contains("- added `sha256:cccccccccccc` 2.5 MB `RUN /bin/sh -c apk add --no-cache curl`");
    JsonNode j = new ObjectMapper().readTree(ComparisonReport.write(c, ComparisonReport.Format.JSON));
    assertThat(j.at("/layers/added/0/createdBy").asText()).isEqualTo("RUN /bin/sh -c apk add --no-cache curl # buildkit");
    assertThat(ComparisonReport.command(new Layer("x", 1, 1, "/bin/sh -c   make  &&\n make install"))).isEqualTo("RUN make && make install");
    assertThat(ComparisonReport.command(new Layer("x", 1, 1, "RUN " + "x".repeat(300)))).hasSize(ComparisonReport.COMMAND_WIDTH).endsWith("…");
    assertThat(ComparisonReport.command(BASE)).isEmpty();
  }

  @Test
  void sizes() {
    assertThat(ComparisonReport.bytes(999)).isEqualTo("999 B");
    assertThat(ComparisonReport.bytes(1_500)).isEqualTo("1.5 kB");
    assertThat(ComparisonReport.bytes(-2_500_000)).isEqualTo("-2.5 MB");
    assertThat(ComparisonReport.bytes(3_000_000_000L)).isEqualTo("3.0 GB");
  }
}
