package dev.bulwark.report.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.bulwark.image.pkg.InstalledPackage;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.image.pkg.Sbom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CycloneDX 1.6 and SPDX 2.3 output, validated against the official schemas when ../shared is present. */
class SbomWritersTest {
  private static final Path SCHEMAS = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/schemas");
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  static Sbom sample() {
    return sample(List.of());
  }

  static Sbom sample(List<String> gaps) {
    return new Sbom("registry.example/app:1.0", "oci", "amd64", new OsInfo("debian", "12", "Debian GNU/Linux 12 (bookworm)", "bookworm"), List.of(
        new InstalledPackage("deb", "libssl3", "3.0.15-1~deb12u1", "amd64", "openssl", "3.0.15-1~deb12u1", null,
            "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl", 1, "var/lib/dpkg/status"),
        new InstalledPackage("apk", "musl", "1.2.5-r0", "x86_64", "musl", "1.2.5-r0", "MIT", "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", 0,
            "lib/apk/db/installed"),
        new InstalledPackage("apk", "musl", "1.2.5-r0", "x86_64", "musl", "1.2.5-r0", "MIT", "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", 2,
            "lib/apk/db/installed")), gaps);
  }

  private static JsonSchema schema(String dir, String id) {
    Path d = SCHEMAS.resolve(dir);
    assumeTrue(Files.isDirectory(d), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    String prefix = id.substring(0, id.lastIndexOf('/') + 1);
    JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
        b -> b.schemaMappers(m -> m.mapPrefix(prefix, d.toUri().toString())));
    return f.getSchema(SchemaLocation.of(id));
  }

  @Test
  void cyclonedx_isValidAndDeterministic() throws Exception {
    String bom = SbomWriters.cyclonedx(sample(), "1.0.0", T);
    JsonNode root = new ObjectMapper().readTree(bom);
    assertThat(schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(root)).isEmpty();
    assertThat(root.at("/components/0/type").asText()).isEqualTo("operating-system");
    assertThat(root.at("/components/1/purl").asText()).startsWith("pkg:deb/debian/libssl3@");
    assertThat(root.at("/components/3/bom-ref").asText()).endsWith("#2"); // duplicate purls keep unique refs
    assertThat(SbomWriters.cyclonedx(sample(), "1.0.0", T)).isEqualTo(bom);
  }

  @Test
  void spdx_isValid() throws Exception {
    String doc = SbomWriters.spdx(sample(), "1.0.0", T);
    Path file = SCHEMAS.resolve("spdx-2.3/spdx-schema.json");
    assumeTrue(Files.exists(file), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    JsonSchema spdx = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.newInputStream(file));
    assertThat(spdx.validate(new ObjectMapper().readTree(doc))).isEmpty();
    assertThat(spdx.validate(new ObjectMapper().readTree(doc.replace("\"SPDX-2.3\"", "7")))).isNotEmpty();
    assertThat(doc).contains("\"referenceType\" : \"purl\"", "\"relationshipType\" : \"DESCRIBES\"");
  }

  @Test
  void gaps_areInEveryFormat_andTheStandardOnesStayValid() throws Exception {
    Sbom withGap = sample(List.of("package database /var/lib/rpm/Packages (RPM, BerkeleyDB format) is not read yet: its packages are missing"));
    JsonNode bom = new ObjectMapper().readTree(SbomWriters.cyclonedx(withGap, "1.0.0", T));
    assertThat(bom.at("/metadata/properties/0/name").asText()).isEqualTo("bulwark:gap");
    assertThat(bom.at("/metadata/properties/0/value").asText()).contains("BerkeleyDB");
    JsonNode spdxDoc = new ObjectMapper().readTree(SbomWriters.spdx(withGap, "1.0.0", T));
    assertThat(spdxDoc.at("/creationInfo/comment").asText()).startsWith("Incomplete: ").contains("/var/lib/rpm/Packages");
    assertThat(SbomWriters.table(withGap)).contains("incomplete: package database /var/lib/rpm/Packages");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(withGap)).at("/gaps/0").asText()).contains("not read yet");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(sample())).at("/gaps").isEmpty()).isTrue();

    assertThat(schema("cyclonedx", "http://cyclonedx.org/schema/bom-1.6.schema.json").validate(bom)).isEmpty();
    Path file = SCHEMAS.resolve("spdx-2.3/spdx-schema.json");
    assumeTrue(Files.exists(file), "skipped: ../shared/data/schemas not present (a user's clone has no ../shared)");
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.newInputStream(file)).validate(spdxDoc)).isEmpty();
  }

  @Test
  void tableAndJson() throws Exception {
    assertThat(SbomWriters.table(sample())).contains("NAME", "libssl3", "3 packages", "Debian GNU/Linux 12");
    assertThat(new ObjectMapper().readTree(SbomWriters.json(sample())).at("/packages/0/layer").asInt()).isEqualTo(1);
  }
}
