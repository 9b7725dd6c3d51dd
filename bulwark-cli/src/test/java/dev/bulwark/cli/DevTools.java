package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own WebSocket: enough of the
 * protocol to open a page, wait for it, evaluate in it, emulate a screen or print, and watch its
 * network and console. One page (a flattened session); every event kept.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Starting takes 1-2 s on a quiet machine, many times that on a loaded one. */
  private static final Duration START = Duration.ofSeconds(90);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String session;

  private DevTools(Process process, WebSocket.Builder builder, URI uri) throws Exception {
    this.process = process;
    this.socket = builder.buildAsync(uri, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Starts {@code chromium} with {@code flags} and a fresh profile in {@code profile}, and opens one
   * blank page in a browser context of its own whose every connection goes through {@code proxy}
   * ({@code host:port}; loopback too). The browser's own traffic (updates, time, accounts) stays
   * outside that context, so what the proxy sees is the page's.
   */
  static DevTools start(Path chromium, Path profile, List<String> flags, String proxy) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=" + profile, "--remote-debugging-port=0"));
    cmd.addAll(flags);
    cmd.add("about:blank");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
    // Chromium writes the port it chose and the browser's path to this file once it listens
    Path active = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START.toNanos();
    while (!(Files.isRegularFile(active) && Files.readAllLines(active).size() >= 2)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("chromium did not start its DevTools endpoint: " + Files.readString(profile.resolveSibling("chromium.log")));
      }
      Thread.sleep(50);
    }
    List<String> lines = Files.readAllLines(active);
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    DevTools d = new DevTools(p, HttpClient.newHttpClient().newWebSocketBuilder(), uri);
    String context = d.browser("Target.createBrowserContext", Map.of("proxyServer", proxy, "proxyBypassList", "<-loopback>"))
        .path("browserContextId").asText();
    String target = d.browser("Target.createTarget", Map.of("url", "about:blank", "browserContextId", context)).path("targetId").asText();
    d.session = d.browser("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
    return d;
  }

  JsonNode browser(String method, Map<String, ?> params) throws Exception {
    return send(null, method, params);
  }

  /** A command to the page; its result, or an exception with the protocol's error. */
  JsonNode page(String method, Map<String, ?> params) throws Exception {
    return send(session, method, params);
  }

  private JsonNode send(String sessionId, String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (socket) {
      socket.sendText(JSON.writeValueAsString(msg), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    JsonNode r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IOException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  /** The value of a JavaScript expression in the page (JSON-able). */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = page("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IOException("evaluate " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Waits for the page's event {@code method}. */
  JsonNode await(String method) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode e : events) {
        if (e.path("method").asText().equals(method) && session.equals(e.path("sessionId").asText())) {
          return e;
        }
      }
      Thread.sleep(20);
    }
    throw new IOException("no " + method + " within " + WAIT);
  }

  /** The page's events named {@code method}, in order. */
  List<JsonNode> events(String method) {
    return events.stream().filter(e -> e.path("method").asText().equals(method) && session.equals(e.path("sessionId").asText())).toList();
  }

  @Override
  public void close() throws Exception {
    // no waiting for an answer: the browser may close the connection first
    ObjectNode msg = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", "Browser.close");
    synchronized (socket) {
      socket.sendText(JSON.writeValueAsString(msg), true).exceptionally(e -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(text.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            events.add(msg);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      fail(new IOException("DevTools connection closed: " + status + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      fail(error);
    }

    private void fail(Throwable t) {
      pending.values().forEach(f -> f.completeExceptionally(t));
      pending.clear();
    }
  }
}
