package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.sbom.Package;
import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.image.pkg.NodeLockFiles;
import dev.bulwark.sbom.Sbom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** npm, Yarn and pnpm lock files (our own fixtures in src/test/resources/node-locks, one per format version). */
class NodeLockFilesTest {
  @TempDir Path tmp;

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = NodeLockFilesTest.class.getResourceAsStream("/node-locks/" + name)) {
      return in.readAllBytes();
    }
  }

  static List<String> found(String path, byte[] content) {
    return NodeLockFiles.parse(path, content).stream()
        .map(f -> (f.namespace() == null ? "" : f.namespace() + "/") + f.name() + "@" + f.version()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      package-lock-v3.json | app/package-lock.json  | express@4.21.1 debug@2.6.9 ms@2.1.3 ms@2.0.0 @acme/logger@1.4.2 chalk@2.4.2 fsevents@2.3.3
      package-lock-v1.json | app/npm-shrinkwrap.json | body-parser@1.19.0 bytes@3.1.0 bytes@3.0.0 chalk@1.1.3
      yarn-v1.lock         | app/yarn.lock          | @babel/parser@7.23.0 left-pad@1.3.0 string-width@4.2.3
      yarn-berry.lock      | app/yarn.lock          | @tanstack/query-core@5.59.0 resolve@1.22.8 zod@3.23.8
      pnpm-v5.yaml         | app/pnpm-lock.yaml     | react-dom@18.2.0 react@18.2.0 @types/prop-types@15.7.5
      pnpm-v6.yaml         | app/pnpm-lock.yaml     | @vue/shared@3.3.4 vue-router@4.2.4
      pnpm-v9.yaml         | app/pnpm-lock.yaml     | @fastify/error@3.4.1 fastify@4.28.1
      """)
  void eachFormat_listsRuntimePackages_withoutDevLinksOrWorkspaces(String fixture, String path, String expected) throws IOException {
    assertThat(found(path, fixture(fixture))).containsExactlyInAnyOrder(expected.split(" "));
  }

  @Test
  void onlyProjectLockFilesAreWanted() {
    assertThat(NodeLockFiles.wanted("srv/app/package-lock.json")).isTrue();
    assertThat(NodeLockFiles.wanted("yarn.lock")).isTrue();
    assertThat(NodeLockFiles.wanted("srv/app/node_modules/x/package-lock.json")).isFalse();
    assertThat(NodeLockFiles.wanted("srv/app/node_modules/.package-lock.json")).isFalse();
    assertThat(NodeLockFiles.wanted("srv/app/my-package-lock.json")).isFalse();
  }

  @Test
  void brokenOrHostileFiles_yieldNothing() {
    String bomb = "lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\npackages: {x@1.0.0: *d}\n";
    assertThat(found("pnpm-lock.yaml", bomb.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(found("package-lock.json", "{\"packages\": ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(found("package-lock.json", "[1, 2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(found("yarn.lock", new byte[] {(byte) 0xff, 0, 1, 2})).isEmpty();
    // an entry header of only commas (found by the AnalyzerFuzzTest#yarnLock campaign): no specifier, no package, no exception
    assertThat(found("yarn.lock", ",,,:\n  version 1.0.0\nleft-pad@^1.3.0:\n  version \"1.3.0\"\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("left-pad@1.3.0");
    assertThat(found("pnpm-lock.yaml", "packages: [a, b]\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    StringBuilder deep = new StringBuilder("{\"dependencies\":");
    deep.append("{\"a\":{\"version\":\"1.0.0\",\"dependencies\":".repeat(200)).append("{}").append("}}".repeat(200)).append("}");
    assertThat(found("package-lock.json", deep.toString().getBytes(StandardCharsets.UTF_8))).containsExactly("a@1.0.0");
  }

  @Test
  void inAnImage_lockFileCountsOnlyWhenItsNodeModulesIsAbsent() throws Exception {
    TestImages.Builder b = new TestImages.Builder().layer(
        file("srv/api/package-lock.json", new String(fixture("package-lock-v3.json"), StandardCharsets.UTF_8)),
        file("srv/web/yarn.lock", new String(fixture("yarn-v1.lock"), StandardCharsets.UTF_8)),
        file("srv/web/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}"));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("img")), "linux/amd64", ImageLimits.DEFAULT).sbom("node");
    assertThat(sbom.packages()).filteredOn(p -> p.location().path().startsWith("srv/web")).singleElement()
        .extracting((Package p) -> p.location().path()).isEqualTo("srv/web/node_modules/left-pad/package.json");
    assertThat(sbom.packages()).filteredOn(p -> p.location().path().equals("srv/api/package-lock.json")).hasSize(7)
        .extracting(Package::purlString).contains("pkg:npm/%40acme/logger@1.4.2", "pkg:npm/express@4.21.1");
    assertThat(LanguagePackages.wanted("srv/api/package-lock.json")).isTrue();
  }
}
