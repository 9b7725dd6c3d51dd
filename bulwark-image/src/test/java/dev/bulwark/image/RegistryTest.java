package dev.bulwark.image;

import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.image.registry.Credentials;
import dev.bulwark.image.registry.RegistryClient;
import dev.bulwark.image.testing.LocalRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from real registries: Debian's docker-registry started on 127.0.0.1 by the test (one open,
 * one behind htpasswd basic auth), images pushed with skopeo. Skipped with a message when the tools are missing (.ci/run installs them).
 * The bearer-token challenge flow is exercised against a small in-test server.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RegistryTest {
  static LocalRegistry registry;
  static LocalRegistry guarded;
  /** Registry storage; JUnit removes it after the class (it once leaked one directory per run). */
  @TempDir static Path work;

  @BeforeAll
  static void startRegistries() throws Exception {
    assumeTrue(LocalRegistry.available(), "skipped: needs docker-registry and skopeo (Debian packages; .ci/run installs them)");
    registry = LocalRegistry.start(Files.createDirectories(work.resolve("open")), LocalRegistry.Auth.NONE);
    guarded = LocalRegistry.start(Files.createDirectories(work.resolve("guarded")), LocalRegistry.Auth.BASIC);
  }

  @AfterAll
  static void stopRegistries() {
    for (LocalRegistry r : new LocalRegistry[] {registry, guarded}) {
      if (r != null) {
        r.close();
      }
    }
  }

  static void push(LocalRegistry to, TestImages.Builder b, String repoTag, Path tmp) throws Exception {
    Path oci = TestImages.writeDir(b.oci(), Files.createTempDirectory(tmp, "oci"));
    to.push("oci:" + oci + ":1.0", repoTag);
  }

  @Test
  void basicAuthRegistry_needsTheLoginFromDockerConfig(@TempDir Path tmp) throws Exception {
    push(guarded, new TestImages.Builder().layer(file("etc/alpine-release", "3.21.0\n")), "private/app:2", tmp);
    ImageReference ref = ImageReference.parse(guarded.host() + "/private/app:2");

    RegistryClient anonymous = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);
    assertThatThrownBy(() -> anonymous.pull(ref, null, Files.createTempDirectory(tmp, "anon")))
        .isInstanceOf(ImageException.class).hasMessageContaining("authentication required").hasMessageContaining("docker login");

    RegistryClient badLogin = loggedIn(guarded, "nope");
    assertThatThrownBy(() -> badLogin.pull(ref, null, Files.createTempDirectory(tmp, "bad")))
        .isInstanceOf(ImageException.class).hasMessageContaining("authentication required");

    Path dir = Files.createTempDirectory(tmp, "ok");
    loggedIn(guarded, LocalRegistry.PASSWORD).pull(ref, null, dir);
    assertThat(Image.open(dir, null, ImageLimits.DEFAULT).files().get("etc/alpine-release")).isPresent();
  }

  @Test
  void pullByTagAndByDigest_thenRead(@TempDir Path tmp) throws Exception {
    push(registry, new TestImages.Builder().layer(file("etc/alpine-release", "3.20.3\n"), file("app/run", "x", 0755)), "team/app:1", tmp);
    RegistryClient client = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);
    Path dir = Files.createTempDirectory(tmp, "pulled");
    client.pull(ImageReference.parse(registry.host() + "/team/app:1"), "linux/amd64", dir);
    Image img = Image.open(dir, "linux/amd64", ImageLimits.DEFAULT);
    assertThat(img.files().get("app/run")).isPresent();
    String digest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("index.json").toFile())
        .at("/manifests/0/digest").asText();
    Path byDigest = Files.createTempDirectory(tmp, "digest");
    client.pull(ImageReference.parse(registry.host() + "/team/app@" + digest), null, byDigest);
    assertThat(Image.open(byDigest, null, ImageLimits.DEFAULT).files().get("app/run")).isPresent();
  }

  @Test
  void selfSignedTlsRegistry_onLoopbackIsInsecureAsInDocker(@TempDir Path tmp) throws Exception {
    assumeTrue(LocalRegistry.opensslAvailable(), "skipped: needs openssl for the self-signed certificate");
    try (LocalRegistry tls = LocalRegistry.start(Files.createDirectories(tmp.resolve("tls")), LocalRegistry.Auth.NONE, true)) {
      push(tls, new TestImages.Builder().layer(file("etc/alpine-release", "3.22.1\n")), "secure/app:3", tmp);
      // HTTPS only: the pull succeeds only if the unverified TLS path is taken, not the HTTP fallback
      Path dir = Files.createTempDirectory(tmp, "pulled");
      new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT).pull(ImageReference.parse(tls.host() + "/secure/app:3"), null, dir);
      assertThat(Image.open(dir, null, ImageLimits.DEFAULT).files().get("etc/alpine-release")).isPresent();
    }
  }

  @Test
  void tokenAuthRegistry_bearerChallengeWithTheLoginSentToTheTokenService(@TempDir Path tmp) throws Exception {
    assumeTrue(LocalRegistry.opensslAvailable(), "skipped: needs openssl for the token signing certificate");
    try (LocalRegistry hub = LocalRegistry.start(Files.createDirectories(tmp.resolve("token")), LocalRegistry.Auth.TOKEN)) {
      push(hub, new TestImages.Builder().layer(file("etc/alpine-release", "3.19.4\n")), "org/tool:5", tmp);
      ImageReference ref = ImageReference.parse(hub.host() + "/org/tool:5");

      RegistryClient anonymous = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);
      assertThatThrownBy(() -> anonymous.pull(ref, null, Files.createDirectories(tmp.resolve("anon"))))
          .isInstanceOf(ImageException.class).hasMessageContaining("token service refused (HTTP 401)");

      Path dir = Files.createDirectories(tmp.resolve("ok"));
      loggedIn(hub, LocalRegistry.PASSWORD).pull(ref, null, dir);
      assertThat(Image.open(dir, null, ImageLimits.DEFAULT).files().get("etc/alpine-release")).isPresent();
    }
  }

  static RegistryClient loggedIn(LocalRegistry to, String password) throws Exception {
    String auth = Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new RegistryClient(Credentials.of("{\"auths\":{\"" + to.host() + "\":{\"auth\":\"" + auth + "\"}}}"), Set.of(), ImageLimits.DEFAULT);
  }

  @Test
  void missingTagAndRepository_areClearErrors(@TempDir Path tmp) {
    RegistryClient client = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);
    assertThatThrownBy(() -> client.pull(ImageReference.parse(registry.host() + "/nope/none:1"), null, tmp))
        .isInstanceOf(ImageException.class).hasMessageContaining("not found");
  }

  @Test
  void bearerTokenChallengeFlow(@TempDir Path tmp) throws Exception {
    // A registry that answers 401 with a Bearer challenge, and a token service; the real pull goes on to 404.
    HttpServer server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    int p = server.getAddress().getPort();
    Map<String, Integer> hits = new java.util.concurrent.ConcurrentHashMap<>();
    server.createContext("/token", ex -> {
      hits.merge("token:" + ex.getRequestURI().getQuery(), 1, Integer::sum);
      byte[] body = "{\"token\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/v2/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (!"Bearer abc".equals(auth)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + p + "/token\",service=\"test\",scope=\"repository:x/y:pull\"");
        ex.sendResponseHeaders(401, -1);
      } else {
        hits.merge("authorized", 1, Integer::sum);
        ex.sendResponseHeaders(404, -1);
      }
      ex.close();
    });
    server.start();
    try {
      RegistryClient client = new RegistryClient(Credentials.none(), Set.of(), ImageLimits.DEFAULT);
      assertThatThrownBy(() -> client.pull(ImageReference.parse("127.0.0.1:" + p + "/x/y:1"), null, tmp)).hasMessageContaining("not found");
      assertThat(hits).containsKey("token:service=test&scope=repository:x/y:pull").containsKey("authorized");
    } finally {
      server.stop(0);
    }
  }
}
