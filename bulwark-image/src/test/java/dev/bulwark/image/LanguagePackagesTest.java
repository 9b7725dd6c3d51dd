package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.sbom.Package;
import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Sbom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python, Node and Java package detection; real metadata files from ../shared when present. */
class LanguagePackagesTest {
  private static final Path INSTALLED = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/installed");
  @TempDir Path tmp;

  static byte[] shared(String rel) throws IOException {
    Path p = INSTALLED.resolve(rel);
    assumeTrue(Files.exists(p), "skipped: ../shared/data/installed not present (a user's clone has no ../shared)");
    return Files.readAllBytes(p);
  }

  @Test
  void pythonMetadata() throws IOException {
    assertThat(LanguagePackages.parse("x/Flask-2.0.0.dist-info/METADATA", shared("python/trivy_Flask-2.0.0.dist-info_METADATA")))
        .singleElement().satisfies(f -> {
          assertThat(f.name()).isEqualTo("flask");
          assertThat(f.version()).isEqualTo("2.0.0");
          assertThat(f.license()).isEqualTo("BSD-3-Clause");
        });
    assertThat(LanguagePackages.parse("a.egg-info/PKG-INFO", shared("python/trivy_unidecode.egg-info_PKG-INFO"))).hasSize(1);
  }

  @Test
  void npmPackageJson() throws IOException {
    assertThat(LanguagePackages.parse("node_modules/lodash/package.json", shared("npm/trivy_package.json"))).singleElement()
        .satisfies(f -> assertThat(f.version()).isEqualTo("5.0.0"));
    assertThat(LanguagePackages.parse("node_modules/@s/p/package.json", "{\"name\":\"@s/p\",\"version\":\"1.0.0\"}".getBytes()))
        .singleElement().satisfies(f -> assertThat(f.namespace()).isEqualTo("@s"));
    assertThat(LanguagePackages.parse("node_modules/x/package.json", "not json".getBytes())).isEmpty();
    assertThat(LanguagePackages.wanted("app/node_modules/express/package.json")).isTrue();
    assertThat(LanguagePackages.wanted("app/package.json")).isFalse();
  }

  static byte[] jar(String... nameContent) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (int i = 0; i < nameContent.length; i += 2) {
        z.putNextEntry(new ZipEntry(nameContent[i]));
        z.write(nameContent[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  @Test
  void javaArchives_pomPropertiesNestedManifestAndFileName() throws IOException {
    byte[] pom = shared("java/syft_small.pom.properties");
    byte[] inner = jar("META-INF/maven/org.example/inner/pom.properties", "groupId=org.example\nartifactId=inner\nversion=2.1.0\n");
    byte[] fat = jar("META-INF/maven/org.anchore/example/pom.properties", new String(pom, StandardCharsets.ISO_8859_1),
        "BOOT-INF/lib/inner-2.1.0.jar", new String(inner, StandardCharsets.ISO_8859_1));
    assertThat(LanguagePackages.parse("app/app.jar", fat)).extracting(f -> f.namespace() + ":" + f.name() + "@" + f.version())
        .containsExactlyInAnyOrder("org.anchore:example-java-app-maven@0.1.0", "org.example:inner@2.1.0");
    byte[] manifestOnly = jar("META-INF/MANIFEST.MF", new String(shared("java/osv-scalibr_axis.MANIFEST.MF"), StandardCharsets.ISO_8859_1));
    assertThat(LanguagePackages.parse("lib/axis.jar", manifestOnly)).singleElement().satisfies(f -> assertThat(f.version()).isEqualTo("1.4"));
    assertThat(LanguagePackages.parse("lib/commons-io-2.16.1.jar", jar("x.txt", "x"))).singleElement()
        .satisfies(f -> assertThat(f.name() + "@" + f.version()).isEqualTo("commons-io@2.16.1"));
    assertThat(LanguagePackages.parse("lib/broken.jar", "not a zip".getBytes())).isEmpty();
  }

  @Test
  void inAnImage_withPurlsAndLayers() throws Exception {
    TestImages.Builder b = new TestImages.Builder()
        .layer(file("usr/lib/python3/site-packages/requests-2.32.3.dist-info/METADATA", "Metadata-Version: 2.1\nName: requests\nVersion: 2.32.3\n"))
        .layer(file("app/node_modules/@types/node/package.json", "{\"name\":\"@types/node\",\"version\":\"20.11.0\",\"license\":\"MIT\"}"));
    Sbom s = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("i")), "linux/amd64", ImageLimits.DEFAULT).sbom("app");
    assertThat(s.packages()).extracting(Package::purlString, (Package p) -> p.location().layer()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("pkg:pypi/requests@2.32.3", 0), org.assertj.core.groups.Tuple.tuple("pkg:npm/%40types/node@20.11.0", 1));
  }
}
