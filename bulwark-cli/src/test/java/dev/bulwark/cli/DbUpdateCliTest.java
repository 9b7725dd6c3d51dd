package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.vuln.db.IndexedDbFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark db update} against a local HTTP server on 127.0.0.1 serving the shared samples the way the official
 * locations lay them out: OSV's {@code <Ecosystem>/all.zip} (zipped here from ../shared/data/osv, one entry a record),
 * Alpine secdb {@code v3.x/main.json} and {@code community.json} (../shared/data/distro/alpine) and the Debian
 * tracker's {@code data/json} (bulwark-vuln's tracker fixture; the shared data has only the tracker's text lists).
 * Skipped, with a message, when ../shared/data is absent.
 */
class DbUpdateCliTest {
  private static final Path REPO = Path.of(System.getProperty("bulwark.repo", ".."));
  private static final Path SHARED = REPO.resolve("../shared/data").normalize();
  private static final List<String> ECOSYSTEMS = List.of("Go", "PyPI", "crates.io", "Maven", "npm");
  private static final Map<String, String> SECDB = Map.of("v3.11/main.json", "secdb-311-main.json", "v3.11/community.json", "secdb-311-community.json",
      "v3.12/main.json", "secdb-312-main.json", "v3.12/community.json", "secdb-312-community.json");

  @TempDir Path tmp;
  private HttpServer server;
  private ExecutorService threads;
  /** What the server serves, by path. */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** How a path misbehaves, when it does. */
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  enum Fault { STATUS_500, CUT_SHORT, CHUNKED_HALF, CORRUPT, STALL, HTML }

  @BeforeEach
  void serve() throws IOException {
    assumeTrue(Files.isDirectory(SHARED.resolve("osv")) && Files.isDirectory(SHARED.resolve("distro/alpine")),
        "no shared samples at " + SHARED + "; db update against a local server skipped");
    for (String e : ECOSYSTEMS) files.put("/osv/" + e + "/all.zip", zipOfLines(SHARED.resolve("osv/" + e + ".jsonl")));
    SECDB.forEach((path, file) -> files.put("/alpine/" + path, read(SHARED.resolve("distro/alpine/" + file))));
    files.put("/debian/data/json", read(REPO.resolve("bulwark-vuln/src/test/resources/feeds/debian-tracker.json")));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
    if (threads != null) threads.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    requests.add(path);
    byte[] body = files.get(path);
    Fault fault = faults.get(path);
    try (x) {
      if (body == null) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      if (fault == null) {
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        return;
      }
      switch (fault) {
        case STATUS_500 -> x.sendResponseHeaders(500, -1);
        case HTML -> {
          byte[] page = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.US_ASCII);
          x.sendResponseHeaders(200, page.length);
          x.getResponseBody().write(page);
        }
        case CUT_SHORT -> {
          // announces every byte, sends half, and the connection ends
          x.sendResponseHeaders(200, body.length);
          OutputStream out = x.getResponseBody();
          out.write(body, 0, body.length / 2);
          out.flush();
          x.getHttpContext().getServer(); // nothing more is written
          throw new IOException("cut short on purpose");
        }
        case CHUNKED_HALF -> {
          // a well-formed response whose body is the first half of the file: only the content can tell
          x.sendResponseHeaders(200, 0);
          x.getResponseBody().write(body, 0, body.length / 2);
        }
        case CORRUPT -> {
          byte[] bad = body.clone();
          for (int i = bad.length / 3; i < bad.length / 3 + 64 && i < bad.length; i++) bad[i] ^= 0x5a;
          x.sendResponseHeaders(200, bad.length);
          x.getResponseBody().write(bad);
        }
        case STALL -> {
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body, 0, 100);
          x.getResponseBody().flush();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private CliTest.Run update(Path db, String... more) {
    List<String> args = new ArrayList<>(List.of("db", "update", "--db", db.toString(), "--osv-url", base() + "/osv", "--alpine-url", base() + "/alpine",
        "--debian-url", base() + "/debian", "--ecosystem", String.join(",", ECOSYSTEMS), "--alpine-branch", "v3.11,v3.12"));
    List<String> given = Arrays.asList(more);
    if (!given.contains("--retries")) args.addAll(List.of("--retries", "0"));
    if (!given.contains("--timeout")) args.addAll(List.of("--timeout", "2"));
    args.addAll(given);
    return CliTest.run(args.toArray(String[]::new));
  }

  /** The "per ecosystem" part of {@code db info}: the counts, without the build time and sources. */
  private static String counts(Path db) {
    CliTest.Run info = CliTest.run("db", "info", "--db", db.toString());
    assertThat(info.exit()).as(info.err()).isZero();
    String out = info.out();
    return out.substring(out.indexOf("advisories:"), out.indexOf("sources:")) + out.substring(out.indexOf("per ecosystem:"));
  }

  @Test
  void updatesFromTheServerWithTheCountsAnImportOfTheSameFilesGives() throws IOException {
    Path db = tmp.resolve("db");
    CliTest.Run r = update(db);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("osv PyPI: ", "alpine v3.12/main: ", "debian tracker: ", "database " + db.resolve(IndexedDbFile.NAME) + ": ");
    assertThat(r.err()).as("quiet when not on a terminal: no progress line").doesNotContain("\r", "[1/");
    assertThat(requests).contains("/osv/PyPI/all.zip", "/osv/crates.io/all.zip", "/alpine/v3.11/main.json", "/alpine/v3.12/community.json",
        "/debian/data/json");

    // the independent oracle: db import of the very files served
    List<String> imp = new ArrayList<>(List.of("db", "import", "--db", tmp.resolve("imported").toString()));
    for (String e : ECOSYSTEMS) imp.add(SHARED.resolve("osv/" + e + ".jsonl").toString());
    for (String f : SECDB.values()) imp.add(SHARED.resolve("distro/alpine/" + f).toString());
    imp.add(REPO.resolve("bulwark-vuln/src/test/resources/feeds/debian-tracker.json").toString());
    assertThat(CliTest.run(imp.toArray(String[]::new)).exit()).isZero();
    String expected = counts(tmp.resolve("imported"));
    assertThat(counts(db)).isEqualTo(expected).containsPattern("PyPI +\\d+").containsPattern("Alpine:v3.12 +\\d+").containsPattern("Debian:12 +\\d+");
    System.out.println("[db update] " + expected.replace('\n', ' ').replaceAll(" +", " "));

    CliTest.Run info = CliTest.run("db", "info", "--db", db.toString());
    assertThat(info.out()).contains(base() + "/osv/PyPI/all.zip", base() + "/debian/data/json", "0 minutes ago");
    assertThat(db.toFile().list()).as("no download or temporary file left").containsOnly(IndexedDbFile.NAME, ".lock");
  }

  /** Every way a download can go wrong leaves the database that was there byte for byte, readable, and says so. */
  @Test
  void aFailedCorruptTruncatedOrStalledDownloadKeepsTheOldDatabase() throws IOException {
    Path db = tmp.resolve("db");
    assertThat(update(db).exit()).isZero();
    byte[] before = Files.readAllBytes(db.resolve(IndexedDbFile.NAME));
    String countsBefore = counts(db);
    record Case(String path, Fault fault, String says) {}
    List<Case> cases = List.of(
        new Case("/osv/Go/all.zip", Fault.STATUS_500, "HTTP 500"),
        new Case("/osv/PyPI/all.zip", Fault.CUT_SHORT, "osv PyPI"),
        new Case("/osv/PyPI/all.zip", Fault.CHUNKED_HALF, "not a readable zip archive"),
        new Case("/osv/Go/all.zip", Fault.CORRUPT, "not a readable zip archive"),
        new Case("/debian/data/json", Fault.CHUNKED_HALF, "not valid JSON"),
        new Case("/alpine/v3.12/main.json", Fault.HTML, "not a JSON object"),
        new Case("/osv/crates.io/all.zip", Fault.STALL, "no data for 2 s"));
    for (Case c : cases) {
      faults.clear();
      faults.put(c.path(), c.fault());
      CliTest.Run r = update(db);
      assertFailed(r, c.says(), "is unchanged and still usable (", " advisories, built ");
      assertThat(Files.readAllBytes(db.resolve(IndexedDbFile.NAME))).as(c.fault() + ": the old database, byte for byte").isEqualTo(before);
      assertThat(counts(db)).isEqualTo(countsBefore);
      assertThat(db.toFile().list()).as(c.fault() + ": nothing left behind").containsOnly(IndexedDbFile.NAME, ".lock");
    }
  }

  @Test
  void withoutADatabaseAFailedUpdateWritesNone() {
    faults.put("/debian/data/json", Fault.STATUS_500);
    Path db = tmp.resolve("db");
    CliTest.Run r = update(db);
    assertFailed(r, "HTTP 500", "no database was written");
    assertThat(db.resolve(IndexedDbFile.NAME)).doesNotExist();
  }

  @Test
  void aServerErrorIsTriedAgain() {
    faults.put("/debian/data/json", Fault.STATUS_500);
    Path db = tmp.resolve("db");
    CliTest.Run r = update(db, "--retries", "1", "--source", "debian");
    assertFailed(r, "debian tracker: ", "HTTP 500 (server error) (tried 2 times)");
    assertThat(r.err()).contains("bulwark: warning: ", "trying again in 2 s");
    assertThat(requests.stream().filter("/debian/data/json"::equals)).hasSize(2);
  }

  @Test
  void onlyTheChosenSourcesAreFetchedAndTheOthersKept() throws IOException {
    Path db = tmp.resolve("db");
    assertThat(update(db).exit()).isZero();
    String all = counts(db);
    requests.clear();
    CliTest.Run r = update(db, "--source", "alpine");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests).allMatch(p -> p.startsWith("/alpine/"));
    assertThat(r.out()).containsPattern("of other ecosystems kept");
    assertThat(counts(db)).as("Alpine's advisories replaced by the same ones, the rest kept").isEqualTo(all);
    CliTest.Run replaced = update(db, "--source", "alpine", "--replace");
    assertThat(replaced.exit()).isZero();
    assertThat(counts(db)).contains("Alpine:v3.12").doesNotContain("PyPI", "Debian:");
  }

  @Test
  void offlineRefusesToUpdate() {
    CliTest.Run r = update(tmp.resolve("db"), "--offline");
    CliTest.assertOneLineError(r, "--offline", "bulwark db import");
    assertThat(requests).isEmpty();
    assertThat(tmp.resolve("db")).doesNotExist();
  }

  @Test
  void badSourcesAndUrlsAreOneLineErrors() {
    CliTest.assertOneLineError(update(tmp.resolve("db"), "--source", "nvd"), "unknown source 'nvd'");
    CliTest.assertOneLineError(CliTest.run("db", "update", "--db", tmp.resolve("db").toString(), "--osv-url", "ftp://mirror/osv"),
        "--osv-url 'ftp://mirror/osv' is not an http or https URL");
    CliTest.assertOneLineError(update(tmp.resolve("db"), "--alpine-branch", "3.20"), "'3.20' is not an Alpine branch");
    assertThat(requests).isEmpty();
  }

  /**
   * Exit 2 and one error line, the last, naming {@code parts}; any line before it a warning (the PyPI samples hold bad
   * records, which are skipped with a warning before a later download fails); no Java exception.
   */
  private static void assertFailed(CliTest.Run r, String... parts) {
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.INPUT_ERROR);
    List<String> lines = r.err().lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).startsWith("bulwark: error: db update failed: ").contains(parts);
    assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("bulwark: warning: "));
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** osv.dev's layout: one record a zip entry. */
  private static byte[] zipOfLines(Path jsonl) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      int n = 0;
      for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        zip.putNextEntry(new ZipEntry("record-" + (n++) + ".json"));
        zip.write(line.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
