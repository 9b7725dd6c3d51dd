package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go example's HTML guide, as {@code bulwark report --format html} writes it, in a real browser
 * (Debian's headless Chromium, which .ci/run installs): its structure read from the DOM the browser
 * built, collapsible findings that print open, a phone screen where only tables scroll sideways, and
 * no request leaving the page, seen both by the browser's own network events and by a proxy on
 * 127.0.0.1 that every connection of the page's browser context goes through (names resolve to
 * nothing, so there is no way around it). Skipped when Chromium is not installed.
 *
 * <p>{@code -Dbulwark.screenshot=FILE} also writes the screenshot to FILE: the committed
 * {@code docs/report-go-api.png} is regenerated with
 * {@code ./mvnw -pl bulwark-cli -am test -Dtest=ReportHtmlBrowserTest -Dsurefire.failIfNoSpecifiedTests=false -Dbulwark.screenshot=$PWD/docs/report-go-api.png}.
 */
class ReportHtmlBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("bulwark.chromium", "/usr/bin/chromium"));

  @Test
  void goExample_inHeadlessChromium(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does as root): browser test skipped");
    Path project = ReportCliTest.copy("go-api", tmp);
    Path html = tmp.resolve("report.html");
    long start = System.nanoTime();
    CliTest.Run r = CliTest.run("report", project.toString(), "--format", "html", "--out", html.toString(), "--as-of", "2026-12-01");
    assertThat(r.exit()).as(r.err()).isZero();
    String url = html.toUri().toString();
    long written = System.nanoTime();

    try (Recorder proxy = new Recorder();
        DevTools chrome = DevTools.start(CHROMIUM, tmp.resolve("profile"), List.of(
            // no name resolves (but the proxy's address): the page reaches out through the recorder or not at all
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--no-pings",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication"), "127.0.0.1:" + proxy.port())) {
      chrome.page("Network.enable", Map.of());
      chrome.page("Page.enable", Map.of());
      chrome.page("Log.enable", Map.of());
      chrome.page("Runtime.enable", Map.of());
      chrome.page("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 2400, "deviceScaleFactor", 1, "mobile", false));
      chrome.page("Page.navigate", Map.of("url", url));
      chrome.await("Page.loadEventFired");

      // the structure, from the DOM the browser built
      Document dom = Jsoup.parse(chrome.eval("document.documentElement.outerHTML").asText());
      assertThat(dom.select("main > section").eachAttr("id"))
          .containsExactly("vulnerabilities", "improvements", "usage", "comparison", "runtime", "ci", "expected", "timeline");
      assertThat(dom.select("main > section > h2").eachText()).first().isEqualTo("1. Vulnerability analysis");
      List<Element> findings = dom.select("#vulnerabilities details.finding");
      assertThat(findings.stream().map(d -> d.attr("data-rule")).toList()).startsWith("BW-D001", "BW-D002", "BW-D003");
      assertThat(findings).allSatisfy(d -> {
        assertThat(d.attr("data-severity")).isIn("critical", "high", "medium", "low", "info");
        assertThat(d.select("pre.excerpt mark.hit[data-line=" + d.attr("data-line") + "]")).hasSize(1);
      });
      assertThat(dom.select("details.finding[data-severity=critical]")).hasSize(1);
      assertThat(dom.selectFirst("details[data-rule=BW-D001] mark.hit").wholeText()).endsWith("FROM alpine:latest");
      assertThat(dom.select("#severity-chart g.severity[data-severity=critical] rect.bar").eachAttr("data-count")).containsExactly("1", "0");
      assertThat(dom.select("#severity-chart g.severity[data-severity=high] rect.bar").eachAttr("data-count")).containsExactly("1", "0");
      assertThat(dom.select("#grade .grade").eachAttr("data-grade-of")).containsExactly("original", "distroless");
      assertThat(dom.select("#comparison-table tbody th").eachText()).contains("Base image", "User", "Attack surface", "Image size", "Updates");
      assertThat(dom.select("#expected-table tr.grade-row .grade")).hasSizeGreaterThan(1);
      assertThat(dom.select("#expected-table tbody tr").first().text()).startsWith("Critical 1 0 (was 1)");

      // laid out: the chart drawn, findings closed until opened
      assertThat(chrome.eval("document.querySelector('#severity-chart').getBoundingClientRect().width").asDouble()).isGreaterThan(300);
      String firstMessage = "document.querySelector('details.finding p.message').checkVisibility()";
      assertThat(chrome.eval(firstMessage).asBoolean()).as("closed finding hides its message").isFalse();
      chrome.eval("document.querySelector('details.finding > summary').click()");
      assertThat(chrome.eval(firstMessage).asBoolean()).as("opened finding shows its message").isTrue();

      // the picture for readers: the page as a desktop shows it, the critical finding opened
      byte[] png = Base64.getDecoder().decode(chrome.page("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      String shot = System.getProperty("bulwark.screenshot");
      if (shot != null && !shot.isBlank()) {
        Files.write(Path.of(shot), png);
      }
      chrome.eval("document.querySelector('details.finding').open = false");

      // printed: every finding's text shows though closed, and nothing sits on a dark or tinted background
      chrome.page("Emulation.setEmulatedMedia", Map.of("media", "print"));
      assertThat(chrome.eval("[...document.querySelectorAll('details.finding:not([open]) p.message')].every(p => p.checkVisibility())").asBoolean())
          .as("closed findings print open").isTrue();
      assertThat(chrome.eval("[...document.querySelectorAll('body, main, section, pre, table, th, td, code, details')]"
          + ".map(e => getComputedStyle(e).backgroundColor).filter(c => c !== 'rgba(0, 0, 0, 0)' && c !== 'rgb(255, 255, 255)')").size())
          .as("backgrounds in print").isZero();
      assertThat(chrome.eval("getComputedStyle(document.querySelector('nav')).display").asText()).isEqualTo("none");
      chrome.page("Emulation.setEmulatedMedia", Map.of("media", ""));

      // a phone: the page itself never scrolls sideways, the wide tables do inside their box
      chrome.page("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
      assertThat(chrome.eval("document.documentElement.scrollWidth").asInt()).as("page width on a phone").isLessThanOrEqualTo(390);
      assertThat(chrome.eval("(() => { const s = document.querySelector('#comparison-table').parentElement;"
          + " return s.scrollWidth > s.clientWidth && getComputedStyle(s).overflowX === 'auto'; })()").asBoolean())
          .as("comparison table scrolls in its box").isTrue();

      // nothing left the page: the browser asked for the file alone, and the proxy saw no connection
      List<String> requested = chrome.events("Network.requestWillBeSent").stream().map(e -> e.path("params").path("request").path("url").asText()).toList();
      List<String> console = new ArrayList<>();
      chrome.events("Log.entryAdded").forEach(e -> console.add(e.path("params").path("entry").path("text").asText()));
      chrome.events("Runtime.exceptionThrown").forEach(e -> console.add(e.path("params").toString()));
      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(requested).as("requests of the page").containsExactly(url);
        // the browser's own check-ins with its vendor (Chromium 156 still opens www.google.com:443 with background
        // networking off) are not the page's: every request the page made is asserted above, through DevTools
        soft.assertThat(proxy.seen().stream().filter(c -> !c.startsWith("CONNECT www.google.com:443 ")).toList())
            .as("connections through the proxy").isEmpty();
        soft.assertThat(console).as("console: CSP violations, errors").isEmpty();
      });
    }
    System.err.printf("browser test: report written in %.1f s, checked in Chromium in %.1f s%n", (written - start) / 1e9, (System.nanoTime() - written) / 1e9);
  }

  /** A proxy that proxies nothing: it records the first line of every connection made to it and hangs up. */
  private static final class Recorder implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Thread thread = Thread.ofVirtual().start(this::serve);

    Recorder() throws IOException {}

    int port() {
      return server.getLocalPort();
    }

    List<String> seen() {
      return List.copyOf(seen);
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.setSoTimeout(2000);
          InputStream in = s.getInputStream();
          StringBuilder line = new StringBuilder();
          for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 2000; c = in.read()) {
            line.append((char) c);
          }
          seen.add(line.toString().strip());
          s.getOutputStream().write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          if (!server.isClosed()) {
            seen.add("(a connection that failed: " + e.getMessage() + ")");
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      thread.interrupt();
    }
  }
}
