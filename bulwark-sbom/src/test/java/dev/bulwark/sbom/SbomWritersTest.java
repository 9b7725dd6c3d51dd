package dev.bulwark.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CycloneDX 1.6 and SPDX 2.3 output, validated against the official schemas when ../shared is present, and golden files. */
class SbomWritersTest {
  private static final Path SCHEMAS = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/schemas");
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  static JsonSchema schema(String dir, String id) {
    Path d = SCHEMAS.resolve(dir);
    assumeTrue(Files.isDirectory(d), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    String prefix = id.substring(0, id.lastIndexOf('/') + 1);
    JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
        b -> b.schemaMappers(m -> m.mapPrefix(prefix, d.toUri().toString())));
    return f.getSchema(SchemaLocation.of(id));
  }

  @Test
  void cyclonedx_isValidAndDeterministic() throws Exception {
    String bom = SbomWriters.cyclonedx(Fixtures.sample(), "1.0.0", T);
    JsonNode root = new ObjectMapper().readTree(bom);
    assertThat(schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(root)).isEmpty();
    assertThat(root.at("/components/0/type").asText()).isEqualTo("operating-system");
    assertThat(root.at("/components/1/purl").asText()).startsWith("pkg:deb/debian/libssl3@");
    assertThat(root.at("/components/3/bom-ref").asText()).endsWith("#2"); // duplicate purls keep unique refs
    assertThat(SbomWriters.cyclonedx(Fixtures.sample(), "1.0.0", T)).isEqualTo(bom);
  }

  @Test
  void spdx_isValid() throws Exception {
    String doc = SbomWriters.spdx(Fixtures.sample(), "1.0.0", T);
    Path file = SCHEMAS.resolve("spdx-2.3/spdx-schema.json");
    assumeTrue(Files.exists(file), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    JsonSchema spdx = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.newInputStream(file));
    assertThat(spdx.validate(new ObjectMapper().readTree(doc))).isEmpty();
    assertThat(spdx.validate(new ObjectMapper().readTree(doc.replace("\"SPDX-2.3\"", "7")))).isNotEmpty();
    assertThat(doc).contains("\"referenceType\" : \"purl\"", "\"relationshipType\" : \"DESCRIBES\"");
  }

  @Test
  void gaps_areInEveryFormat_andTheStandardOnesStayValid() throws Exception {
    Sbom withGap = Fixtures.sample(List.of("package database /var/lib/rpm/Packages (RPM, BerkeleyDB format) is not read yet: its packages are missing"));
    JsonNode bom = new ObjectMapper().readTree(SbomWriters.cyclonedx(withGap, "1.0.0", T));
    assertThat(bom.at("/metadata/properties/0/name").asText()).isEqualTo("bulwark:gap");
    assertThat(bom.at("/metadata/properties/0/value").asText()).contains("BerkeleyDB");
    JsonNode spdxDoc = new ObjectMapper().readTree(SbomWriters.spdx(withGap, "1.0.0", T));
    assertThat(spdxDoc.at("/creationInfo/comment").asText()).startsWith("Incomplete: ").contains("/var/lib/rpm/Packages");
    assertThat(SbomWriters.table(withGap)).contains("incomplete: package database /var/lib/rpm/Packages");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(withGap)).at("/gaps/0").asText()).contains("not read yet");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(Fixtures.sample())).at("/gaps").isEmpty()).isTrue();

    assertThat(schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(bom)).isEmpty();
    Path file = SCHEMAS.resolve("spdx-2.3/spdx-schema.json");
    assumeTrue(Files.exists(file), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.newInputStream(file)).validate(spdxDoc)).isEmpty();
  }

  @Test
  void tableAndJson() throws Exception {
    assertThat(SbomWriters.table(Fixtures.sample())).contains("NAME", "libssl3", "3 packages", "Debian GNU/Linux 12");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(Fixtures.sample())).at("/packages/0/layer").asInt()).isEqualTo(1);
  }

  /** The writers moved here from bulwark-report with the model; their output is what the old ones wrote, byte for byte. */
  @ParameterizedTest
  @ValueSource(strings = {"sample", "every"})
  void output_matchesTheGoldenFiles(String name) throws Exception {
    Sbom sbom = name.equals("sample") ? Fixtures.sample() : Fixtures.every();
    Map<String, String> written = Map.of(".cdx.json", SbomWriters.cyclonedx(sbom, "1.0.0", T), ".spdx.json", SbomWriters.spdx(sbom, "1.0.0", T),
        ".json", SbomWriters.json(sbom), ".txt", SbomWriters.table(sbom));
    for (var e : written.entrySet()) {
      try (var in = SbomWritersTest.class.getResourceAsStream("/golden/" + name + e.getKey())) {
        assertThat(e.getValue()).as(name + e.getKey()).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void everyPackageKind_staysSchemaValid() throws Exception {
    JsonNode bom = new ObjectMapper().readTree(SbomWriters.cyclonedx(Fixtures.every(), "1.0.0", T));
    assertThat(schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(bom)).isEmpty();
  }
}
