package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Write, read, equal: every format Bulwark writes reads back into the model, as far as the format carries it; bad input is refused clearly. */
class SbomReaderTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Sbom> sboms() {
    return Stream.of(Fixtures.sample(), Fixtures.sample(List.of("a gap", "another gap")), Fixtures.every());
  }

  static Sbom read(String doc) throws SbomFormatException {
    return SbomReader.DEFAULT.read(doc.getBytes(StandardCharsets.UTF_8));
  }

  /** CycloneDX carries everything but the image layout and architecture. */
  static Sbom asCycloneDx(Sbom s) {
    return new Sbom(s.name(), null, null, s.os(), s.packages(), s.gaps());
  }

  /**
   * SPDX, as Bulwark writes it, carries the packages' names, versions and purls, and the gaps; an OS package's source
   * comes from the purl's upstream qualifier (a bare name: the source version is the package's own).
   */
  static Sbom asSpdx(Sbom s) {
    List<Package> packages = s.packages().stream()
        .map(p -> {
          String upstream = p.purl() == null || p.purl().getQualifiers() == null ? null : p.purl().getQualifiers().get("upstream");
          boolean os = p.ecosystem() == Ecosystem.DEB || p.ecosystem() == Ecosystem.APK;
          String source = os && upstream != null ? upstream.split("@")[0] : p.name();
          String sourceVersion = os && upstream != null && upstream.contains("@") ? upstream.split("@")[1] : p.version();
          return new Package(p.purl() == null ? Ecosystem.GENERIC : p.ecosystem(), p.name(), p.version(), p.arch(), source, sourceVersion, null,
              p.purl(), Location.UNKNOWN);
        })
        .toList();
    return new Sbom(s.name(), null, null, null, packages, s.gaps());
  }

  @ParameterizedTest
  @MethodSource("sboms")
  void bulwarkJson_roundTripsExactly(Sbom sbom) throws Exception {
    assertThat(read(SbomWriters.json(sbom))).isEqualTo(sbom);
  }

  @ParameterizedTest
  @MethodSource("sboms")
  void cyclonedx16_roundTrips(Sbom sbom) throws Exception {
    assertThat(read(SbomWriters.cyclonedx(sbom, "1.0.0", T))).isEqualTo(asCycloneDx(sbom));
  }

  @ParameterizedTest
  @MethodSource("sboms")
  void spdx23_roundTrips(Sbom sbom) throws Exception {
    assertThat(read(SbomWriters.spdx(sbom, "1.0.0", T))).isEqualTo(asSpdx(sbom));
  }

  /** CycloneDX 1.4 lists tools as an array (1.5 made it an object) and licenses and properties the same way. */
  @Test
  void cyclonedx14And15_read() throws Exception {
    ObjectNode bom = (ObjectNode) JSON.readTree(SbomWriters.cyclonedx(Fixtures.every(), "1.0.0", T));
    bom.put("specVersion", "1.5");
    assertThat(read(bom.toString())).isEqualTo(asCycloneDx(Fixtures.every()));
    bom.put("specVersion", "1.4");
    ArrayNode tools = JSON.createArrayNode().add(JSON.createObjectNode().put("vendor", "bulwark").put("name", "bulwark").put("version", "1"));
    ((ObjectNode) bom.get("metadata")).set("tools", tools);
    assertThat(read(bom.toString())).isEqualTo(asCycloneDx(Fixtures.every()));
  }

  @Test
  void cyclonedx_nestedComponentsAndForeignLicenses() throws Exception {
    String doc = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","name":"shop"}},
         "components":[{"type":"framework","name":"spring-core","version":"6.1.0","purl":"pkg:maven/org.springframework/spring-core@6.1.0",
           "licenses":[{"license":{"id":"Apache-2.0"}}],
           "components":[{"type":"library","name":"jcl","version":"6.1.0","licenses":[{"expression":"MIT OR Apache-2.0"}]}]},
          {"type":"file","name":"README"}]}
        """;
    Sbom s = read(doc);
    assertThat(s.name()).isEqualTo("shop");
    assertThat(s.packages()).extracting(Package::name, Package::ecosystem, Package::license).containsExactly(
        org.assertj.core.groups.Tuple.tuple("spring-core", Ecosystem.MAVEN, "Apache-2.0"),
        org.assertj.core.groups.Tuple.tuple("jcl", Ecosystem.GENERIC, "MIT OR Apache-2.0"));
    assertThat(s.packages().get(1).location()).isEqualTo(Location.UNKNOWN);
  }

  /** SPDX 2.2 documents often name their subject with documentDescribes rather than a DESCRIBES relationship. */
  @Test
  void spdx22_read() throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(SbomWriters.spdx(Fixtures.every(), "1.0.0", T));
    doc.put("spdxVersion", "SPDX-2.2");
    doc.remove("relationships");
    doc.set("documentDescribes", JSON.createArrayNode().add("SPDXRef-Image"));
    assertThat(read(doc.toString())).isEqualTo(asSpdx(Fixtures.every()));
  }

  @Test
  void ecosystems_mapPurlTypesAndDisplayNames() {
    assertThat(Ecosystem.of("golang")).contains(Ecosystem.GOLANG);
    assertThat(Ecosystem.of("go-module")).contains(Ecosystem.GOLANG);
    assertThat(Ecosystem.GOLANG.purlType()).isEqualTo("golang");
    assertThat(Ecosystem.GOLANG.displayName()).isEqualTo("go-module");
    assertThat(Ecosystem.of("swift")).isEmpty();
    assertThat(Stream.of(Ecosystem.values()).map(Ecosystem::purlType).distinct()).hasSize(Ecosystem.values().length);
  }

  @Test
  void malformedInput_isAClearError() {
    assertRefused("{\"bomFormat\":\"CycloneDX\",", "not valid JSON at line 1");
    assertRefused("not json at all", "not valid JSON");
    assertRefused("[1,2,3]", "not a JSON object");
    assertRefused("{\"hello\":\"world\"}", "not an SBOM");
    assertRefused("{\"bomFormat\":\"SWID\"}", "not a CycloneDX BOM");
    assertRefused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.2\"}", "specVersion '1.2' is not read");
    assertRefused("{\"spdxVersion\":\"SPDX-3.0\"}", "SPDX version 'SPDX-3.0' is not read");
    assertRefused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"version\":\"1\"}]}",
        "component has no name");
    assertRefused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"x\",\"purl\":\"npm/x\"}]}",
        "package x: invalid package URL 'npm/x'");
    assertRefused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"x\","
        + "\"properties\":[{\"name\":\"bulwark:layer:index\",\"value\":\"top\"}]}]}", "not a number: 'top'");
    assertRefused("{\"schemaVersion\":1,\"packages\":[{\"type\":\"cobol\",\"name\":\"x\"}]}", "unknown type 'cobol'");
    assertRefused("{\"schemaVersion\":2,\"packages\":[]}", "schemaVersion 2 is not read");
  }

  @Test
  void deepNesting_isRefusedWhileParsing() {
    String deep = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertRefused(deep, "nesting depth");
    String nested = "{\"type\":\"library\",\"name\":\"x\",\"components\":[%s]}";
    String components = "";
    for (int i = 0; i < 40; i++) {
      components = nested.formatted(components); // 80 levels of objects and arrays: more than the default 64
    }
    assertRefused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[" + components + "]}", "nesting depth");
  }

  @Test
  void hugeInput_isRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    SbomReader small = new SbomReader(1024, 64);
    byte[] big = ("{\"schemaVersion\":1,\"packages\":[],\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.read(big)).isInstanceOf(SbomFormatException.class).hasMessageContaining("larger than 1024 bytes are refused");
    assertThatThrownBy(() -> small.read(new ByteArrayInputStream(big))).isInstanceOf(SbomFormatException.class)
        .hasMessageContaining("larger than 1024 bytes");
    Path file = Files.write(dir.resolve("big.json"), big);
    assertThatThrownBy(() -> small.read(file)).isInstanceOf(SbomFormatException.class).hasMessageContaining("is " + big.length + " bytes");
    Path ok = Files.writeString(dir.resolve("ok.json"), SbomWriters.json(Fixtures.sample()));
    assertThat(SbomReader.DEFAULT.read(ok)).isEqualTo(Fixtures.sample());
  }

  @Test
  void errors_carryNoStackTrace() {
    assertThatThrownBy(() -> read("{")).isInstanceOf(SbomFormatException.class)
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  /** Other tools' ways of naming an OS package's source: the purl's upstream, Trivy's and Syft's properties, Trivy's SPDX sourceInfo. */
  @Test
  void foreignSourcePackages() throws Exception {
    String cdx = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"library","name":"libssl3","version":"3.0.11-1~deb12u2","purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12&upstream=openssl"},
          {"type":"library","name":"util-linux-extra","version":"2.38.1-5+b1","purl":"pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1?upstream=util-linux%402.38.1-5"},
          {"type":"library","name":"libattr1","version":"1:2.5.1-4","purl":"pkg:deb/debian/libattr1@2.5.1-4?epoch=1",
           "properties":[{"name":"aquasecurity:trivy:SrcName","value":"attr"},{"name":"aquasecurity:trivy:SrcEpoch","value":"1"},
             {"name":"aquasecurity:trivy:SrcVersion","value":"2.5.1"},{"name":"aquasecurity:trivy:SrcRelease","value":"4"}]},
          {"type":"library","name":"libcrypto3","version":"3.1.4-r5","purl":"pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1",
           "properties":[{"name":"aquasecurity:trivy:SrcName","value":"openssl"},{"name":"aquasecurity:trivy:SrcVersion","value":"3.1.4-r5"}]},
          {"type":"library","name":"libpam0g","version":"1.5.2-6","purl":"pkg:deb/debian/libpam0g@1.5.2-6",
           "properties":[{"name":"syft:metadata:source","value":"pam"}]},
          {"type":"library","name":"ssl_client","version":"1.36.1-r15","purl":"pkg:apk/alpine/ssl_client@1.36.1-r15",
           "properties":[{"name":"syft:metadata:originPackage","value":"busybox"}]},
          {"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0?upstream=other"}]}
        """;
    assertThat(read(cdx).packages()).extracting(Package::name, Package::source, Package::sourceVersion).containsExactly(
        org.assertj.core.groups.Tuple.tuple("libssl3", "openssl", "3.0.11-1~deb12u2"),
        org.assertj.core.groups.Tuple.tuple("util-linux-extra", "util-linux", "2.38.1-5"),
        org.assertj.core.groups.Tuple.tuple("libattr1", "attr", "1:2.5.1-4"),
        org.assertj.core.groups.Tuple.tuple("libcrypto3", "openssl", "3.1.4-r5"),
        org.assertj.core.groups.Tuple.tuple("libpam0g", "pam", "1.5.2-6"),
        org.assertj.core.groups.Tuple.tuple("ssl_client", "busybox", "1.36.1-r15"),
        // a language package has no source package: its own name, whatever a qualifier says
        org.assertj.core.groups.Tuple.tuple("requests", "requests", "2.31.0"));
    String spdx = """
        {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x","packages":[
          {"name":"debian","SPDXID":"SPDXRef-OS","versionInfo":"12.4","primaryPackagePurpose":"OPERATING-SYSTEM"},
          {"name":"libacl1","SPDXID":"SPDXRef-1","versionInfo":"2.3.1-3","sourceInfo":"built package from: acl 2.3.1-3",
           "externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:deb/debian/libacl1@2.3.1-3?distro=debian-12.4"}]},
          {"name":"bash","SPDXID":"SPDXRef-2","versionInfo":"5.2.15-2+b2","sourceInfo":"acquired package info from DPKG DB: /var/lib/dpkg/status",
           "externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:deb/debian/bash@5.2.15-2%2Bb2?upstream=bash%405.2.15-2"}]}]}
        """;
    Sbom s = read(spdx);
    assertThat(s.os()).isEqualTo(new OperatingSystem("debian", "12.4", null));
    assertThat(s.packages()).extracting(Package::name, Package::source, Package::sourceVersion).containsExactly(
        org.assertj.core.groups.Tuple.tuple("libacl1", "acl", "2.3.1-3"), org.assertj.core.groups.Tuple.tuple("bash", "bash", "5.2.15-2"));
  }

  @Test
  void wrongTypes_areErrorsNotAbsences() {
    String head = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",";
    assertRefused(head + "\"components\":{\"type\":\"library\"}}", "components is an object, not a list");
    assertRefused(head + "\"components\":[{\"type\":\"library\",\"name\":[\"x\"]}]}", "field 'name' is a list, not a string");
    assertRefused(head + "\"components\":[{\"type\":\"library\",\"name\":\"x\",\"licenses\":{}}]}", "field 'licenses' is an object, not a list");
    assertRefused(head + "\"components\":[7]}", "component is a number, not an object");
    assertRefused("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":\"none\"}", "packages is a string, not a list");
    assertRefused("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[true]}", "SPDX package is a boolean, not an object");
    assertRefused("{\"schemaVersion\":1,\"packages\":[],\"gaps\":{}}", "gaps is an object, not a list");
    assertRefused(head + "\"components\":[]} trailing", "not valid JSON");
  }

  @Test
  void counts_areBounded() throws Exception {
    StringBuilder many = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[");
    for (int i = 0; i <= SbomReader.MAX_PACKAGES; i++) many.append(i == 0 ? "" : ",").append("{\"type\":\"library\",\"name\":\"p").append(i).append("\"}");
    assertRefused(many + "]}", "more than 100000 packages");
    // exactly the limit is read
    String exactly = many.substring(0, many.lastIndexOf(",{")) + "]}";
    assertThat(read(exactly).packages()).hasSize(SbomReader.MAX_PACKAGES);
    StringBuilder wide = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"type\":\"library\",\"name\":\"x\",\"hashes\":[");
    for (int i = 0; i < SbomReader.MAX_ELEMENT_NODES; i++) wide.append(i == 0 ? "" : ",").append(i);
    assertRefused(wide + "]}]}", "more than 200000 JSON values");
  }

  private static void assertRefused(String doc, String message) {
    assertThatThrownBy(() -> read(doc)).isInstanceOf(SbomFormatException.class).hasMessageContaining(message);
  }
}
