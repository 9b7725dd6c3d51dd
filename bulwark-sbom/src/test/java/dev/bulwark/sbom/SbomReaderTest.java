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

  private static void assertRefused(String doc, String message) {
    assertThatThrownBy(() -> read(doc)).isInstanceOf(SbomFormatException.class).hasMessageContaining(message);
  }
}
