package dev.bulwark.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Registry logins from Docker's client config ({@code ~/.docker/config.json}): {@code auths}
 * entries, and credential helpers ({@code credHelpers} per registry, or {@code credsStore}),
 * run as {@code docker-credential-NAME get}.
 */
public final class Credentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode config;

  /** A user name and secret. */
  public record Login(String user, String secret) {
    String basic() {
      return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Credentials(JsonNode config) {
    this.config = config;
  }

  public static Credentials none() {
    return new Credentials(JSON.createObjectNode());
  }

  /** Reads {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}; none when absent or unreadable. */
  public static Credentials fromDockerConfig() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file = dir != null ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    try {
      return Files.isRegularFile(file) ? new Credentials(JSON.readTree(file.toFile())) : none();
    } catch (IOException e) {
      return none();
    }
  }

  /** Logins from the contents of a Docker client config.json. */
  public static Credentials of(String json) throws IOException {
    return new Credentials(JSON.readTree(json));
  }

  public Optional<Login> lookup(String registry) {
    String helper = config.path("credHelpers").path(registry).asText(config.path("credsStore").asText(""));
    for (String key : new String[] {registry, "https://" + registry, "https://" + registry + "/v1/", "https://index.docker.io/v1/"}) {
      JsonNode auth = config.path("auths").path(key);
      if (!auth.isMissingNode() && !(key.contains("index.docker.io") && !registry.equals("docker.io"))) {
        String b64 = auth.path("auth").asText("");
        if (!b64.isEmpty()) {
          String decoded = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          if (colon > 0) {
            return Optional.of(new Login(decoded.substring(0, colon), decoded.substring(colon + 1)));
          }
        }
      }
    }
    return helper.isEmpty() ? Optional.empty() : fromHelper(helper, registry);
  }

  private static Optional<Login> fromHelper(String helper, String registry) {
    if (!helper.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder("docker-credential-" + helper, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().write(registry.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      JsonNode n = JSON.readTree(out);
      return Optional.of(new Login(n.path("Username").asText(), n.path("Secret").asText()));
    } catch (IOException | InterruptedException e) {
      return Optional.empty();
    }
  }
}
