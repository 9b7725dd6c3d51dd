package dev.bulwark.vuln.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpDownloader} against a real HTTP server on 127.0.0.1. */
class HttpDownloaderTest {
  @TempDir Path dir;
  private HttpServer server;
  private ExecutorService threads;
  private final byte[] body = new byte[300_000];
  private final HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(1), ProxySelector.of(null), "bulwark-test");

  @BeforeEach
  void start() throws IOException {
    for (int i = 0; i < body.length; i++) body[i] = (byte) (i * 31);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    Map<String, Handler> routes = Map.of(
        "/ok", x -> send(x, 200, body, body.length),
        "/chunked", x -> send(x, 200, body, 0),
        "/moved", x -> {
          x.getResponseHeaders().add("Location", "/ok");
          x.sendResponseHeaders(302, -1);
        },
        "/missing", x -> send(x, 404, "no".getBytes(), 2),
        "/nowhere", x -> x.sendResponseHeaders(301, -1),
        "/downgrade", x -> {
          x.getResponseHeaders().add("Location", "ftp://elsewhere/x");
          x.sendResponseHeaders(302, -1);
        },
        "/cut", x -> {
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body, 0, 1000);
          x.getResponseBody().flush();
          throw new IOException("connection dropped on purpose");
        },
        "/stall", x -> {
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body, 0, 1000);
          x.getResponseBody().flush();
          sleep();
        },
        "/silent", x -> sleep());
    routes.forEach((path, h) -> server.createContext(path, x -> {
      try (x) {
        h.handle(x);
      }
    }));
    server.start();
  }

  interface Handler {
    void handle(HttpExchange x) throws IOException;
  }

  private static void send(HttpExchange x, int status, byte[] b, long length) throws IOException {
    x.sendResponseHeaders(status, length);
    x.getResponseBody().write(b);
  }

  private static void sleep() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private long fetch(String path, long max) throws Exception {
    return http.fetch(uri(path), dir.resolve("out"), max, Downloader.Progress.NONE);
  }

  @Test
  void writesTheBodyAndReportsProgress() throws Exception {
    List<long[]> seen = new ArrayList<>();
    long n = http.fetch(uri("/ok"), dir.resolve("out"), 1 << 20, (bytes, total) -> seen.add(new long[] {bytes, total}));
    assertThat(n).isEqualTo(body.length);
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(body);
    assertThat(seen).isNotEmpty().allMatch(p -> p[1] == body.length);
    assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(body.length);
    assertThat(fetch("/chunked", 1 << 20)).as("no length announced").isEqualTo(body.length);
    assertThat(fetch("/moved", 1 << 20)).as("a redirect is followed").isEqualTo(body.length);
  }

  @Test
  void anErrorStatusIsAnHttpStatusException() {
    assertThatThrownBy(() -> fetch("/missing", 1 << 20)).isInstanceOf(Downloader.HttpStatusException.class)
        .hasMessage(uri("/missing") + ": HTTP 404 (not found)");
    assertThatThrownBy(() -> fetch("/nowhere", 1 << 20)).as("a redirect without a Location").hasMessage(uri("/nowhere") + ": Invalid redirection");
    assertThatThrownBy(() -> fetch("/downgrade", 1 << 20)).as("a redirect that is not followed")
        .hasMessage(uri("/downgrade") + ": HTTP 302 (a redirect not followed: none, or from https to http)");
  }

  @Test
  void theSizeBoundHoldsOnTheAnnouncedLengthAndOnTheBytesReceived() {
    assertThatThrownBy(() -> fetch("/ok", 100_000)).isInstanceOf(Downloader.TooLargeException.class).hasMessageContaining("announces");
    assertThatThrownBy(() -> fetch("/chunked", 100_000)).isInstanceOf(Downloader.TooLargeException.class).hasMessageContaining("sent more than");
  }

  @Test
  void aBodyCutShortFails() {
    assertThatThrownBy(() -> fetch("/cut", 1 << 20)).isInstanceOf(IOException.class).hasMessageStartingWith(uri("/cut") + ": ");
  }

  @Test
  void aServerThatStopsSendingIsGivenUpAfterTheIdleTimeout() {
    assertThatThrownBy(() -> fetch("/stall", 1 << 20)).hasMessage(uri("/stall") + ": no data for 1 s after 1000 bytes; gave up");
    assertThatThrownBy(() -> fetch("/silent", 1 << 20)).isInstanceOf(IOException.class).hasMessageStartingWith(uri("/silent") + ": no ");
  }

  @Test
  void aRefusedConnectionIsInWords() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/x");
    assertThatThrownBy(() -> http.fetch(closed, dir.resolve("out"), 1 << 20, Downloader.Progress.NONE)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(closed + ": could not connect");
  }
}
