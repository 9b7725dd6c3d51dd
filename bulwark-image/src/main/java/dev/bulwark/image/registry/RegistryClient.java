package dev.bulwark.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.image.source.Digest;
import dev.bulwark.image.source.HostileImageException;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * A Docker Registry HTTP API v2 client that pulls one image into an OCI layout directory:
 * anonymous, bearer-token (the WWW-Authenticate challenge flow) and basic auth, manifest lists
 * and OCI indexes resolved to a platform, every manifest and blob verified against its digest,
 * retries with backoff, and one clear error per HTTP status.
 *
 * <p>Insecure registries (those named by the caller, and loopback hosts, as Docker treats them)
 * are handled as Docker's {@code insecure-registries}: plain HTTP when the server speaks it, else
 * HTTPS without certificate verification. Every other registry gets verified HTTPS.
 */
public final class RegistryClient implements DigestResolver {
  static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final int ATTEMPTS = 3;

  private final Credentials credentials;
  private final Set<String> insecure;
  private final ImageLimits limits;
  private HttpClient http;
  private String token;

  public RegistryClient(Credentials credentials, Set<String> insecureRegistries, ImageLimits limits) {
    this.credentials = credentials;
    this.insecure = Set.copyOf(insecureRegistries);
    this.limits = limits;
  }

  /** Pulls {@code ref} for {@code platform} (null: the host's) into the empty directory {@code dir}. */
  public void pull(ImageReference ref, String platform, Path dir) throws IOException, ImageException, InterruptedException {
    String base = connect(ref) + "/v2/" + ref.repository();
    String wanted = platform == null ? ManifestReader.hostPlatform() : platform;
    String reference = ref.digest() != null ? ref.digest() : ref.effectiveTag();
    Digest expected = ref.digest() != null ? Digest.parse(ref.digest()) : null;
    Fetched top = fetch(ref, URI.create(base + "/manifests/" + reference), ACCEPT, expected);
    Fetched manifest = top;
    JsonNode node = JSON.readTree(top.body());
    for (int depth = 0; isIndex(top.mediaType(), node); depth++) {
      if (depth > 4) {
        throw new HostileImageException("image indexes nested more than 4 deep");
      }
      JsonNode desc = ManifestReader.pick(node, wanted);
      if (desc == null) {
        throw new ImageException("no manifest for platform " + wanted + " in " + ref.familiarName());
      }
      Digest d = Digest.parse(desc.path("digest").asText());
      top = fetch(ref, URI.create(base + "/manifests/" + d), ACCEPT, d);
      node = JSON.readTree(top.body());
      manifest = top;
    }
    Digest manifestDigest = digestOf(manifest.body());
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(dir.resolve("blobs/sha256/" + manifestDigest.hex()), manifest.body());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\""
        + manifestDigest + "\",\"size\":" + manifest.body().length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
        + ref.familiarName() + ":" + (ref.tag() != null ? ref.tag() : "latest") + "\"}}]}");
    blob(ref, base, Digest.parse(node.path("config").path("digest").asText()), dir);
    for (JsonNode layer : node.path("layers")) {
      blob(ref, base, Digest.parse(layer.path("digest").asText()), dir);
    }
  }

  /**
   * The digest {@code ref}'s tag points to: a HEAD of the manifest (every manifest and index type
   * accepted, so the registry answers with the index of a multi-platform image, not converting it)
   * and its {@code Docker-Content-Digest}; when the registry sends none, a GET of the manifest,
   * whose bytes are hashed (and checked against the header when there is one).
   */
  @Override
  public String resolve(ImageReference ref) throws IOException, ImageException, InterruptedException {
    if (ref.digest() != null) {
      return ref.digest();
    }
    URI uri = URI.create(connect(ref) + "/v2/" + ref.repository() + "/manifests/" + ref.effectiveTag());
    HttpResponse<InputStream> head = send(ref, uri, ACCEPT, "HEAD");
    head.body().close();
    String sent = head.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (sent != null && sent.startsWith("sha256:")) {
      return Digest.parse(sent).toString();
    }
    HttpResponse<InputStream> get = send(ref, uri, ACCEPT, "GET");
    byte[] body;
    try (InputStream in = get.body()) {
      body = in.readNBytes(limits.maxJsonBytes() + 1);
    }
    if (body.length > limits.maxJsonBytes()) {
      throw new HostileImageException(uri + ": manifest larger than " + (limits.maxJsonBytes() >> 20) + " MiB");
    }
    Digest computed = digestOf(body);
    String header = get.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (header != null && header.startsWith("sha256:") && !Digest.parse(header).equals(computed)) {
      throw new HostileImageException(uri + ": the manifest's bytes hash to " + computed + ", not the " + header + " the registry claims");
    }
    return computed.toString();
  }

  private static boolean isIndex(String mediaType, JsonNode node) {
    return ManifestReader.isIndexType(mediaType) || (node.has("manifests") && !node.has("layers"));
  }

  private record Fetched(byte[] body, String mediaType) {}

  private Fetched fetch(ImageReference ref, URI uri, String accept, Digest expected) throws IOException, ImageException, InterruptedException {
    HttpResponse<InputStream> r = send(ref, uri, accept);
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes(limits.maxJsonBytes() + 1);
    }
    if (body.length > limits.maxJsonBytes()) {
      throw new HostileImageException(uri + ": manifest larger than " + (limits.maxJsonBytes() >> 20) + " MiB");
    }
    if (expected != null && !expected.matches(expected.newHasher().digest(body))) {
      throw new HostileImageException(uri + ": manifest does not match its digest " + expected);
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    int semi = type.indexOf(';');
    return new Fetched(body, (semi < 0 ? type : type.substring(0, semi)).strip());
  }

  private void blob(ImageReference ref, String base, Digest digest, Path dir) throws IOException, ImageException, InterruptedException {
    Path target = dir.resolve("blobs/" + digest.algorithm() + "/" + digest.hex());
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    HttpResponse<InputStream> r = send(ref, URI.create(base + "/blobs/" + digest), "*/*");
    MessageDigest md = digest.newHasher();
    long total = 0;
    try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limits.maxLayerBytes()) {
          throw new HostileImageException("blob " + digest + " is larger than " + (limits.maxLayerBytes() >> 20) + " MiB");
        }
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    if (!digest.matches(md.digest())) {
      Files.deleteIfExists(target);
      throw new HostileImageException("blob " + digest + " from " + ref.registry() + " does not match its digest");
    }
  }

  private HttpResponse<InputStream> send(ImageReference ref, URI uri, String accept) throws IOException, ImageException, InterruptedException {
    return send(ref, uri, accept, "GET");
  }

  private HttpResponse<InputStream> send(ImageReference ref, URI uri, String accept, String method)
      throws IOException, ImageException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<InputStream> r = http.send(request(uri, accept, method), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 401 && authenticate(ref, r)) {
          r.body().close();
          r = http.send(request(uri, accept, method), HttpResponse.BodyHandlers.ofInputStream());
        }
        int s = r.statusCode();
        if (s >= 500 && attempt < ATTEMPTS) {
          r.body().close();
          Thread.sleep(200L << attempt);
          continue;
        }
        if (s != 200) {
          r.body().close();
          throw new ImageException(ref.familiarName() + ": " + explain(s, uri));
        }
        return r;
      } catch (SSLHandshakeException e) {
        throw new ImageException(ref.registry() + ": TLS certificate not trusted (" + e.getMessage()
            + "); for a registry you run with a self-signed certificate, pass --insecure");
      } catch (IOException e) {
        last = e;
        if (attempt < ATTEMPTS) {
          Thread.sleep(200L << attempt);
        }
      }
    }
    String why = last.getMessage() != null ? last.getMessage() : last.getClass().getSimpleName();
    throw new ImageException(ref.registry() + ": cannot reach the registry (" + why + ")");
  }

  static String explain(int status, URI uri) {
    return switch (status) {
      case 401 -> "authentication required (run `docker login " + uri.getHost() + "` or add credentials to ~/.docker/config.json)";
      case 403 -> "access denied by the registry";
      case 404 -> "not found (no such repository, tag or digest)";
      case 429 -> "the registry is rate-limiting requests (HTTP 429); try again later";
      default -> status >= 500 ? "registry error HTTP " + status + " (after " + ATTEMPTS + " attempts)" : "unexpected HTTP " + status + " for " + uri.getPath();
    };
  }

  private HttpRequest request(URI uri, String accept, String method) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", accept)
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", token);
    }
    return b.build();
  }

  /** Answers a 401 challenge: Bearer (fetch a token from the realm) or Basic. */
  private boolean authenticate(ImageReference ref, HttpResponse<?> r) throws IOException, InterruptedException, ImageException {
    String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
    Credentials.Login login = credentials.lookup(ref.registry()).orElse(null);
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (login == null) {
        return false;
      }
      token = "Basic " + login.basic();
      return true;
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      return false;
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return false;
    }
    StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    q.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", "repository:" + ref.repository() + ":pull"), StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(q.toString())).timeout(Duration.ofSeconds(30)).GET();
    if (login != null) {
      b.header("Authorization", "Basic " + login.basic());
    }
    HttpResponse<byte[]> tr = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (tr.statusCode() != 200) {
      throw new ImageException(ref.registry() + ": token service refused (HTTP " + tr.statusCode() + ")");
    }
    JsonNode t = JSON.readTree(tr.body());
    String value = t.path("token").asText(t.path("access_token").asText(""));
    if (value.isEmpty()) {
      throw new ImageException(ref.registry() + ": token service returned no token");
    }
    token = "Bearer " + value;
    return true;
  }

  /** Picks the HTTP client and scheme for the registry; returns {@code scheme://host}. */
  private String connect(ImageReference ref) throws InterruptedException {
    String host = ref.registry().replaceAll(":\\d+$", "");
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(15));
    String https = "https://" + apiHost(ref.registry());
    if (!loopback && !insecure.contains(ref.registry())) {
      http = b.build();
      return https;
    }
    http = b.sslContext(TrustAll.context()).build();
    // Probe plain HTTP first (no credentials are sent): a TLS-only registry answers it with 400 or
    // drops the connection, while some plain-HTTP servers never answer a TLS handshake at all.
    String plain = "http://" + apiHost(ref.registry());
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(plain + "/v2/")).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 400 ? https : plain;
    } catch (IOException e) {
      return https;
    }
  }

  /** Docker Hub's API lives at registry-1.docker.io. */
  private static String apiHost(String registry) {
    return registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  private static Digest digestOf(byte[] body) throws ImageException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return Digest.parse("sha256:" + java.util.HexFormat.of().formatHex(md.digest(body)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
