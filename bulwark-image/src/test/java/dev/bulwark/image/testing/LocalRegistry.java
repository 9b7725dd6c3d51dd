package dev.bulwark.image.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's docker-registry serving on 127.0.0.1 from a scratch directory, with images pushed by
 * skopeo: open, behind htpasswd basic auth, or behind token auth with a {@link TokenService}
 * issuing the signed tokens, optionally over TLS with a fresh self-signed certificate. Shared by
 * the image and CLI tests (the image module publishes its tests as a test-jar).
 */
public final class LocalRegistry implements AutoCloseable {
  /** A user and bcrypt line for the htpasswd file; the hash is of {@link #PASSWORD}, made for these tests. */
  public static final String USER = "tester";
  public static final String PASSWORD = "s3cret-test";
  private static final String HTPASSWD = USER + ":$2b$12$QOja8qfqjZW7qLtqsUPeO.xofMZPoHhDN8//AhHJcZq195VjXlqji\n";

  /** How clients must authenticate. */
  public enum Auth { NONE, BASIC, TOKEN }

  private final Process process;
  private final int port;
  private final Auth auth;
  private final HttpServer tokenServer;

  private LocalRegistry(Process process, int port, Auth auth, HttpServer tokenServer) {
    this.process = process;
    this.port = port;
    this.auth = auth;
    this.tokenServer = tokenServer;
  }

  /** Whether docker-registry and skopeo are installed (.ci/run installs them). */
  public static boolean available() {
    return onPath("docker-registry") && onPath("skopeo");
  }

  /** Whether openssl is installed too, for certificates (TLS registries, token signing). */
  public static boolean opensslAvailable() {
    return available() && onPath("openssl");
  }

  public static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  /** A plain-HTTP registry storing under {@code work}. */
  public static LocalRegistry start(Path work, Auth auth) throws IOException, InterruptedException {
    return start(work, auth, false);
  }

  /** A registry storing under {@code work}; with {@code tls}, HTTPS only. */
  public static LocalRegistry start(Path work, Auth auth, boolean tls) throws IOException, InterruptedException {
    int port = freePort();
    StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ")
        .append(work.resolve("data")).append("\nhttp:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (tls || auth == Auth.TOKEN) {
      selfSignedCertificate(work);
    }
    if (tls) {
      config.append("  tls:\n    certificate: ").append(work.resolve("cert.pem")).append("\n    key: ").append(work.resolve("key.pem")).append('\n');
    }
    HttpServer tokenServer = null;
    switch (auth) {
      case NONE -> {}
      case BASIC -> {
        Files.writeString(work.resolve("htpasswd"), HTPASSWD);
        config.append("auth:\n  htpasswd:\n    realm: bulwark-test\n    path: ").append(work.resolve("htpasswd")).append('\n');
      }
      case TOKEN -> {
        TokenService tokens = new TokenService(work.resolve("key.pem"), work.resolve("cert.pem"), USER, PASSWORD);
        tokenServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenServer.createContext("/token", tokens);
        tokenServer.start();
        config.append("auth:\n  token:\n    realm: http://127.0.0.1:").append(tokenServer.getAddress().getPort()).append("/token\n    service: ")
            .append(TokenService.SERVICE).append("\n    issuer: ").append(TokenService.ISSUER).append("\n    rootcertbundle: ")
            .append(work.resolve("cert.pem")).append('\n');
      }
    }
    Files.writeString(work.resolve("config.yml"), config);
    Process p = new ProcessBuilder("docker-registry", "serve", work.resolve("config.yml").toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("registry.log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return new LocalRegistry(p, port, auth, tokenServer);
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    p.destroy();
    if (tokenServer != null) {
      tokenServer.stop(0);
    }
    throw new IOException("docker-registry did not start; see " + work.resolve("registry.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void selfSignedCertificate(Path work) throws IOException, InterruptedException {
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bulwark-test",
        "-keyout", work.resolve("key.pem").toString(), "-out", work.resolve("cert.pem").toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("openssl.log").toFile()).start();
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl could not make a certificate; see " + work.resolve("openssl.log"));
    }
  }

  /** host:port, the registry part of references to this registry. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Copies {@code source} (a skopeo reference such as {@code oci:DIR:TAG} or {@code docker-archive:FILE}) to {@code repoTag}. */
  public void push(String source, String repoTag) throws IOException, InterruptedException {
    push(source, repoTag, false);
  }

  /** {@link #push(String, String)}; with {@code all}, a multi-platform index is copied whole ({@code skopeo copy --all}). */
  public void push(String source, String repoTag, boolean all) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    if (all) {
      cmd.add("--all");
    }
    if (auth != Auth.NONE) {
      cmd.add("--dest-creds=" + USER + ":" + PASSWORD);
    }
    cmd.addAll(List.of(source, "docker://" + host() + "/" + repoTag));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("skopeo copy failed: " + out);
    }
  }

  /** The digest of the manifest {@code repoTag} serves, as skopeo reads it (sha256 of {@code skopeo inspect --raw}): an independent check. */
  public String rawDigest(String repoTag) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + host() + "/" + repoTag).start();
    byte[] raw = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("skopeo inspect failed: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    try {
      return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    if (tokenServer != null) {
      tokenServer.stop(0);
    }
  }
}
