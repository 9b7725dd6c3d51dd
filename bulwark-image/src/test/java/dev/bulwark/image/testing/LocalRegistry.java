package dev.bulwark.image.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's docker-registry serving on 127.0.0.1 from a scratch directory, optionally behind
 * htpasswd basic auth, with images pushed by skopeo. Shared by the image and CLI tests (the
 * image module publishes its tests as a test-jar).
 */
public final class LocalRegistry implements AutoCloseable {
  /** A user and bcrypt line for the htpasswd file; the hash is of {@link #PASSWORD}, made for these tests. */
  public static final String USER = "tester";
  public static final String PASSWORD = "s3cret-test";
  private static final String HTPASSWD = USER + ":$2b$12$QOja8qfqjZW7qLtqsUPeO.xofMZPoHhDN8//AhHJcZq195VjXlqji\n";

  private final Process process;
  private final int port;
  private final boolean authenticated;

  private LocalRegistry(Process process, int port, boolean authenticated) {
    this.process = process;
    this.port = port;
    this.authenticated = authenticated;
  }

  /** Whether docker-registry and skopeo are installed (.ci/run installs them). */
  public static boolean available() {
    return onPath("docker-registry") && onPath("skopeo");
  }

  public static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  /** Starts a plain-HTTP registry storing under {@code work}; with {@code basicAuth} it requires {@link #USER}/{@link #PASSWORD}. */
  public static LocalRegistry start(Path work, boolean basicAuth) throws IOException, InterruptedException {
    return start(work, basicAuth, false);
  }

  /** Whether openssl is installed, to make the self-signed certificate of a TLS registry. */
  public static boolean tlsAvailable() {
    return available() && onPath("openssl");
  }

  /** As {@link #start(Path, boolean)}; with {@code tls}, HTTPS only, with a fresh self-signed certificate. */
  public static LocalRegistry start(Path work, boolean basicAuth, boolean tls) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ")
        .append(work.resolve("data")).append("\nhttp:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (tls) {
      Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bulwark-test",
          "-keyout", work.resolve("key.pem").toString(), "-out", work.resolve("cert.pem").toString())
          .redirectErrorStream(true).redirectOutput(work.resolve("openssl.log").toFile()).start();
      if (openssl.waitFor() != 0) {
        throw new IOException("openssl could not make a certificate; see " + work.resolve("openssl.log"));
      }
      config.append("  tls:\n    certificate: ").append(work.resolve("cert.pem")).append("\n    key: ").append(work.resolve("key.pem")).append('\n');
    }
    if (basicAuth) {
      Files.writeString(work.resolve("htpasswd"), HTPASSWD);
      config.append("auth:\n  htpasswd:\n    realm: bulwark-test\n    path: ").append(work.resolve("htpasswd")).append('\n');
    }
    Files.writeString(work.resolve("config.yml"), config);
    Process p = new ProcessBuilder("docker-registry", "serve", work.resolve("config.yml").toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("registry.log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return new LocalRegistry(p, port, basicAuth);
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    p.destroy();
    throw new IOException("docker-registry did not start; see " + work.resolve("registry.log"));
  }

  /** host:port, the registry part of references to this registry. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Copies {@code source} (a skopeo reference such as {@code oci:DIR:TAG} or {@code docker-archive:FILE}) to {@code repoTag}. */
  public void push(String source, String repoTag) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    if (authenticated) {
      cmd.add("--dest-creds=" + USER + ":" + PASSWORD);
    }
    cmd.addAll(List.of(source, "docker://" + host() + "/" + repoTag));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("skopeo copy failed: " + out);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
