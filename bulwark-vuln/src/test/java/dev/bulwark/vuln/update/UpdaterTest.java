package dev.bulwark.vuln.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.DbLock;
import dev.bulwark.vuln.db.IndexedDbFile;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update's all-or-nothing behaviour, with downloads served by a stand-in {@link Downloader}. */
class UpdaterTest {
  private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-02T00:00:00Z");
  private static final Updater.Options NO_RETRY = new Updater.Options(false, 0, Duration.ZERO, false);

  @TempDir Path dir;
  @TempDir Path scratch;
  private final Map<URI, byte[]> served = new HashMap<>();
  private final Downloader fake = (uri, target, max, progress) -> {
    byte[] b = served.get(uri);
    if (b == null) throw new Downloader.HttpStatusException(uri, 404);
    Files.write(target, b);
    progress.bytes(b.length, b.length);
    return b.length;
  };

  private static List<Download> plan(String... ecosystems) {
    return Sources.plan(new Sources.Selection(List.of(Sources.OSV), List.of(ecosystems), List.of(), URI.create("http://mirror.test/osv"),
        Sources.ALPINE_BASE, Sources.DEBIAN_BASE));
  }

  private static String record(String id, String ecosystem, String name) {
    return "{\"id\":\"" + id + "\",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name
        + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}";
  }

  /** An all.zip of {@code n} records of {@code ecosystem}, ids prefixed {@code prefix}. */
  static byte[] zip(String ecosystem, String prefix, int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < n; i++) {
        z.putNextEntry(new ZipEntry(prefix + i + ".json"));
        z.write(record(prefix + i, ecosystem, "pkg" + i).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private void serve(String ecosystem, byte[] zip) {
    served.put(URI.create("http://mirror.test/osv/" + ecosystem + "/all.zip"), zip);
  }

  private Path db() {
    return dir.resolve(IndexedDbFile.NAME);
  }

  /** A database of 10 PyPI and 3 npm advisories, built at T1 by an update. */
  private byte[] initial() throws IOException {
    serve("PyPI", zip("PyPI", "PYSEC-", 10));
    serve("npm", zip("npm", "GHSA-", 3));
    new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI", "npm"), T1);
    return Files.readAllBytes(db());
  }

  @Test
  void replacesTheScopesItDownloadsAndKeepsTheRest() throws IOException {
    initial();
    serve("PyPI", zip("PyPI", "PYSEC-NEW-", 12));
    Updater.Result r = new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T2);
    assertThat(r.before()).isEqualTo(13);
    assertThat(r.kept()).as("npm, not downloaded this time").isEqualTo(3);
    assertThat(r.info().perEcosystem()).containsEntry("PyPI", 12).containsEntry("npm", 3);
    assertThat(DbFile.open(db()).info().built()).isEqualTo(T2);
    assertThat(DbFile.open(db()).match("PyPI", "pkg0", "0.5").matches()).singleElement()
        .satisfies(m -> assertThat(m.advisory().id()).isEqualTo("PYSEC-NEW-0"));
  }

  /**
   * The process dies while the new database is being written: what it leaves is a half-written temporary file beside
   * the database, never a half-written database. Simulated by a writer that writes half the real file's bytes where a
   * real save writes them, then fails; and by the leftovers of a killed run (its work directory, its temporary file).
   */
  @Test
  void anInterruptedWriteNeverReplacesTheDatabase() throws IOException {
    byte[] before = initial();
    serve("PyPI", zip("PyPI", "PYSEC-NEW-", 12));
    Updater.DbWriter dying = (db, file) -> {
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Path whole = scratch.resolve("whole.bin");
      IndexedDbFile.save(db, whole);
      byte[] bytes = Files.readAllBytes(whole);
      Files.write(tmp, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      throw new IOException("killed while writing");
    };
    assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, NO_RETRY, dying).update(dir, plan("PyPI"), T2))
        .isInstanceOf(UpdateException.class)
        .hasMessageContaining("writing the new database failed (killed while writing)")
        .hasMessageContaining("is unchanged and still usable (13 advisories, built " + T1 + ")");
    assertThat(Files.readAllBytes(db())).isEqualTo(before);
    assertThat(DbFile.open(db()).info().advisories()).isEqualTo(13);

    // a run killed mid-download leaves its work directory too
    Files.writeString(Files.createDirectory(dir.resolve(Updater.WORK_PREFIX + "123")).resolve("00-osv-PyPI.zip"), "PK half");
    assertThat(leftovers()).hasSize(2);
    assertThat(DbFile.open(db()).info().advisories()).as("readers never look at leftovers").isEqualTo(13);

    Updater.Result r = new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T2);
    assertThat(r.info().advisories()).isEqualTo(15);
    assertThat(leftovers()).as("the next update removes them").isEmpty();
  }

  private List<String> leftovers() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(IndexedDbFile.NAME) && !n.equals(DbLock.NAME)).toList();
    }
  }

  @Test
  void aDownloadCutOffMidwayKeepsTheDatabaseAndRemovesThePart() throws IOException {
    byte[] before = initial();
    Downloader cut = (uri, target, max, progress) -> {
      Files.write(target, java.util.Arrays.copyOf(served.get(uri), 100));
      throw new IOException(uri + ": connection reset");
    };
    assertThatThrownBy(() -> new Updater(cut, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI", "npm"), T2))
        .hasMessageStartingWith("osv PyPI: http://mirror.test/osv/PyPI/all.zip: connection reset; the database ")
        .hasMessageEndingWith("is unchanged and still usable (13 advisories, built " + T1 + ")");
    assertThat(Files.readAllBytes(db())).isEqualTo(before);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFailureAfterSomeDownloadsWorkedChangesNothing() throws IOException {
    byte[] before = initial();
    serve("npm", "not a zip".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI", "npm"), T2))
        .hasMessageContaining("osv npm (http://mirror.test/osv/npm/all.zip): not a readable zip archive");
    assertThat(Files.readAllBytes(db())).isEqualTo(before);
  }

  @Test
  void anInterruptStopsTheUpdateAndKeepsTheDatabase() throws Exception {
    byte[] before = initial();
    CountDownLatch started = new CountDownLatch(1);
    Downloader hangs = (uri, target, max, progress) -> {
      Files.write(target, new byte[] {'P', 'K'});
      started.countDown();
      Thread.sleep(Long.MAX_VALUE);
      return 0;
    };
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        new Updater(hangs, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T2);
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    started.await();
    t.interrupt();
    t.join();
    assertThat(failure.get()).isInstanceOf(UpdateException.class).hasMessageContaining("osv PyPI: interrupted; the database ");
    assertThat(Files.readAllBytes(db())).isEqualTo(before);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aTransientFailureIsTriedAgainButNotA404OrAnOversizedOne() throws IOException {
    serve("PyPI", zip("PyPI", "PYSEC-", 2));
    AtomicInteger calls = new AtomicInteger();
    Downloader flaky = (uri, target, max, progress) -> {
      if (calls.incrementAndGet() == 1) throw new Downloader.HttpStatusException(uri, 503);
      return fake.fetch(uri, target, max, progress);
    };
    List<String> retries = new ArrayList<>();
    Updater.Listener listener = new Updater.Listener() {
      @Override
      public void retrying(Download d, IOException why, int attempt, Duration wait) {
        retries.add(d.label() + " " + attempt + ": " + why.getMessage());
      }
    };
    Updater.Options once = new Updater.Options(false, 1, Duration.ZERO, false);
    assertThat(new Updater(flaky, listener, once).update(dir, plan("PyPI"), T1).info().advisories()).isEqualTo(2);
    assertThat(retries).containsExactly("osv PyPI 1: http://mirror.test/osv/PyPI/all.zip: HTTP 503 (server error)");

    calls.set(0);
    assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, once).update(dir, plan("Hex"), T2)).hasMessageContaining("HTTP 404 (not found);");
    Downloader huge = (uri, target, max, progress) -> {
      calls.incrementAndGet();
      throw new Downloader.TooLargeException(uri + ": announces 9000 MiB, over the 4096 MiB bound for this feed");
    };
    assertThatThrownBy(() -> new Updater(huge, Updater.Listener.NONE, once).update(dir, plan("PyPI"), T2)).hasMessageContaining("over the 4096 MiB bound");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aDownloadWithFarFewerAdvisoriesThanTheDatabaseHasIsRefusedUnlessAllowed() throws IOException {
    byte[] before = initial();
    serve("PyPI", zip("PyPI", "PYSEC-", 4));
    assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T2))
        .hasMessageContaining("PyPI: the downloads give 4 advisories where the database has 10 (less than half)");
    assertThat(Files.readAllBytes(db())).isEqualTo(before);
    Updater.Options allow = new Updater.Options(false, 0, Duration.ZERO, true);
    assertThat(new Updater(fake, Updater.Listener.NONE, allow).update(dir, plan("PyPI"), T2).info().perEcosystem()).containsEntry("PyPI", 4);
  }

  @Test
  void aDownloadOfAnotherEcosystemIsRefused() throws IOException {
    serve("PyPI", zip("npm", "GHSA-", 3)); // a mirror serving the wrong file
    assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T1))
        .hasMessageContaining("no PyPI advisories in the download (3 of other ecosystems)").hasMessageEndingWith("no database was written");
    assertThat(db()).doesNotExist();
  }

  @Test
  void anotherWriterHoldingTheLockStopsTheUpdate() throws IOException {
    serve("PyPI", zip("PyPI", "PYSEC-", 2));
    try (DbLock held = DbLock.acquire(dir)) {
      assertThatThrownBy(() -> new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T1))
          .hasMessageContaining("another bulwark db update or import is writing " + dir);
    }
    assertThat(new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("PyPI"), T1).info().advisories()).isEqualTo(2);
  }

  @Test
  void anUnreadableDatabaseIsReplacedWithAWarning() throws IOException {
    Files.writeString(db(), "garbage");
    serve("PyPI", zip("PyPI", "PYSEC-", 2));
    List<String> warnings = new ArrayList<>();
    Updater.Listener listener = new Updater.Listener() {
      @Override
      public void warning(Download d, String message) {
        warnings.add(message);
      }
    };
    Updater.Result r = new Updater(fake, listener, NO_RETRY).update(dir, plan("PyPI"), T1);
    assertThat(r.before()).isEqualTo(-1);
    assertThat(warnings).singleElement().asString().contains("corrupt", "the new database will hold only what this update downloads");
    assertThat(DbFile.open(db()).info().advisories()).isEqualTo(2);
  }

  @Test
  void anEarlierGzipJsonDatabaseIsMergedAndReplaced() throws IOException {
    initial();
    MemoryVulnDatabase all = DbFile.loadAll(db());
    Files.delete(db());
    DbFile.save(all, dir.resolve(DbFile.NAME));
    Updater.Result r = new Updater(fake, Updater.Listener.NONE, NO_RETRY).update(dir, plan("npm"), T2);
    assertThat(r.kept()).isEqualTo(10);
    assertThat(dir.resolve(DbFile.NAME)).doesNotExist();
    assertThat(DbFile.open(db()).info().advisories()).isEqualTo(13);
  }
}
