package dev.bulwark.image;

import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.image.registry.Credentials;
import dev.bulwark.image.registry.DigestResolver;
import dev.bulwark.image.registry.RegistryClient;
import dev.bulwark.image.source.HostileImageException;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.testing.LocalRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag to digest, for {@code fix --pin-digest}: against Debian's docker-registry on 127.0.0.1 (the
 * images pushed by skopeo, the expected digest read back by skopeo), and against small in-test
 * servers for the GET fallback and a registry whose digest header lies.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DigestResolverTest {
  static LocalRegistry registry;
  @TempDir static Path work;
  final DigestResolver resolver = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalRegistry.available(), "skipped: needs docker-registry and skopeo (Debian packages; .ci/run installs them)");
    registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")), LocalRegistry.Auth.NONE);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void singleManifest_resolvesToTheDigestTheRegistryServes() throws Exception {
    Path oci = TestImages.writeDir(new TestImages.Builder().layer(file("etc/os-release", "ID=test\n")).oci(), Files.createTempDirectory(work, "oci"));
    registry.push("oci:" + oci + ":1.0", "team/base:1.2");
    String digest = resolver.resolve(ImageReference.parse(registry.host() + "/team/base:1.2"));
    assertThat(digest).startsWith("sha256:").isEqualTo(registry.rawDigest("team/base:1.2"));
  }

  @Test
  void multiPlatformIndex_resolvesToTheIndexNotOnePlatform() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    StringBuilder manifests = new StringBuilder();
    for (String arch : List.of("amd64", "arm64")) {
      TestImages.Builder b = new TestImages.Builder().layer(file("etc/arch", arch + "\n"));
      b.platformArch = arch;
      Map<String, byte[]> one = b.oci();
      String index = new String(one.remove("index.json"), StandardCharsets.UTF_8);
      String entry = index.substring(index.indexOf("[{") + 1, index.lastIndexOf("}]") + 1).replaceAll(",\"annotations\":\\{[^}]*\\}", "");
      manifests.append(manifests.isEmpty() ? "" : ",").append(entry);
      files.putAll(one);
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + manifests + "]}")
        .getBytes(StandardCharsets.UTF_8);
    String indexDigest = TestImages.sha256(index);
    files.put(TestImages.Builder.blob(indexDigest), index);
    files.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
        + indexDigest + "\",\"size\":" + index.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}")
        .getBytes(StandardCharsets.UTF_8));
    Path oci = TestImages.writeDir(files, Files.createTempDirectory(work, "multi"));
    registry.push("oci:" + oci + ":1.0", "team/multi:2", true);

    String digest = resolver.resolve(ImageReference.parse(registry.host() + "/team/multi:2"));
    assertThat(digest).isEqualTo(indexDigest).isEqualTo(registry.rawDigest("team/multi:2"));
  }

  @Test
  void unknownTagAndAlreadyPinned() throws Exception {
    assertThatThrownBy(() -> resolver.resolve(ImageReference.parse(registry.host() + "/team/none:9")))
        .isInstanceOf(ImageException.class).hasMessageContaining("not found");
    String pinned = "sha256:" + "ab".repeat(32);
    assertThat(resolver.resolve(ImageReference.parse(registry.host() + "/team/base:1.2@" + pinned))).isEqualTo(pinned);
  }

  /** A registry that answers HEAD without Docker-Content-Digest, and GET with {@code header} (null: none). */
  static HttpServer fake(byte[] manifest, String header) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/v2/", ex -> {
      ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
      if (ex.getRequestMethod().equals("GET") && header != null) {
        ex.getResponseHeaders().add("Docker-Content-Digest", header);
      }
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(200, head ? -1 : manifest.length);
      if (!head) {
        ex.getResponseBody().write(manifest);
      }
      ex.close();
    });
    s.start();
    return s;
  }

  @Test
  void withoutTheHeader_getsTheManifestAndHashesItsBytes() throws Exception {
    byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
    HttpServer s = fake(manifest, null);
    try {
      String digest = resolver.resolve(ImageReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/app/x:1"));
      assertThat(digest).isEqualTo(TestImages.sha256(manifest));
    } finally {
      s.stop(0);
    }
  }

  @Test
  void aDigestHeaderThatDoesNotMatchTheBytes_isRefused() throws Exception {
    byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
    HttpServer s = fake(manifest, "sha256:" + "0".repeat(64));
    try {
      assertThatThrownBy(() -> resolver.resolve(ImageReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/app/x:1")))
          .isInstanceOf(HostileImageException.class).hasMessageContaining("hash to " + TestImages.sha256(manifest));
    } finally {
      s.stop(0);
    }
  }
}
