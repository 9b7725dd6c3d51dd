package dev.bulwark.vuln.update;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.DbInfo;
import dev.bulwark.vuln.db.DbLock;
import dev.bulwark.vuln.db.IndexedDbFile;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.feed.Feeds;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.OsvImport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bulwark db update}: downloads every feed of a plan into a work directory inside the database directory,
 * checks each ({@link FeedCheck}), imports them with the importers {@code db import} uses (their bounds on zip entries,
 * inflated bytes and record sizes hold here too), and only when all of that worked writes the new {@code vulndb.bin}
 * beside the old one and renames it over it ({@link IndexedDbFile#save}). Any failure before the rename, an interrupt
 * included, leaves the old file as it was, and the {@link UpdateException} says so. The directory is locked while an
 * update runs; what a killed update left behind (its work directory, a half-written temporary database) is removed by
 * the next one.
 *
 * <p>What the downloads cover (their ecosystems, {@link Download.Scope}) replaces what the database held for those
 * ecosystems; advisories of other ecosystems (imported from files) are kept, unless {@link Options#replace}.
 */
public final class Updater {
  static final String WORK_PREFIX = ".update-";

  /** What the update tells its caller as it goes. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void started(Download d, int index, int count) {}

    default void bytes(Download d, long bytes, long total) {}

    default void retrying(Download d, IOException why, int attempt, Duration wait) {}

    default void imported(Fetched f) {}

    /** A bad record or other problem that does not stop the update. */
    default void warning(Download d, String message) {}

    default void writing(int advisories) {}

    /** The JVM is shutting down mid-update (Ctrl-C, SIGTERM); {@code state} is what became of the old database. */
    default void killed(String state) {}
  }

  /**
   * @param replace start a new database from the downloads alone
   * @param retries how many more times a failed download is tried (not after a 4xx status or past the size bound)
   * @param allowShrink accept downloads that give less than half of what the database held for their ecosystems
   */
  public record Options(boolean replace, int retries, Duration backoff, boolean allowShrink) {}

  /** One download's outcome. */
  public record Fetched(Download download, long bytes, int records, int withdrawn, int bad) {}

  /**
   * What the update wrote.
   *
   * @param before the advisories of the database it replaced, or -1 when there was none (or it was unreadable)
   * @param kept advisories of other ecosystems carried over from it
   */
  public record Result(Path file, DbInfo info, int before, int kept, List<Fetched> fetched) {}

  /** Writes the new database: {@link IndexedDbFile#save}, or a test's stand-in. */
  public interface DbWriter {
    void save(MemoryVulnDatabase db, Path file) throws IOException;
  }

  private final Downloader downloader;
  private final Listener listener;
  private final Options options;
  private final DbWriter writer;

  public Updater(Downloader downloader, Listener listener, Options options) {
    this(downloader, listener, options, IndexedDbFile::save);
  }

  Updater(Downloader downloader, Listener listener, Options options, DbWriter writer) {
    this.downloader = downloader;
    this.listener = listener;
    this.options = options;
    this.writer = writer;
  }

  /** Updates the database in {@code dir} from {@code downloads}, all or nothing. */
  public Result update(Path dir, List<Download> downloads, Instant now) throws UpdateException {
    if (downloads.isEmpty()) throw new UpdateException("nothing to download (no source selected)", null);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UpdateException("cannot create the database directory " + dir + " (" + e.getMessage() + ")", e);
    }
    Path oldFile = DbFile.locate(dir);
    Old old = Old.read(oldFile);
    if (old.problem != null) listener.warning(null, old.problem + "; the new database will hold only what this update downloads");
    try (DbLock lock = DbLock.acquire(dir)) {
      removeLeftovers(dir);
      return run(dir, downloads, now, oldFile, old);
    } catch (UpdateException e) {
      throw e;
    } catch (IOException e) {
      throw new UpdateException(e.getMessage() + "; " + old.state(), e);
    }
  }

  private Result run(Path dir, List<Download> downloads, Instant now, Path oldFile, Old old) throws IOException {
    Path work = Files.createTempDirectory(dir, WORK_PREFIX);
    // Ctrl-C ends the JVM without unwinding this thread: the hook removes the downloads (the old database was never touched)
    java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
    Thread cleanup = new Thread(() -> {
      deleteTree(work);
      // killed inside the rename itself, the database is the old one or the new one whole (the rename is atomic)
      listener.killed(written.get() ? "the new database " + dir.resolve(IndexedDbFile.NAME) + " had been written" : old.state());
    }, "bulwark-db-update-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      Map<Download.Scope, List<Advisory>> byScope = new LinkedHashMap<>();
      List<Fetched> fetched = new ArrayList<>();
      Set<String> sources = new LinkedHashSet<>();
      for (int i = 0; i < downloads.size(); i++) {
        Download d = downloads.get(i);
        listener.started(d, i, downloads.size());
        Path file = work.resolve(String.format("%02d-%s", i, d.fileName()));
        long bytes = fetch(d, file, old);
        OsvImport.Result r;
        try {
          FeedCheck.structure(d, file);
          r = Feeds.read(file);
          FeedCheck.records(d, r.advisories(), r.errors().size());
        } catch (IOException e) {
          throw new UpdateException(d.label() + " (" + d.uri() + "): " + stripPath(e.getMessage(), file, d) + "; " + old.state(), e);
        }
        for (String bad : r.errors()) listener.warning(d, stripPath(bad, file, d));
        Files.delete(file); // imported; the next download need not share the disk with it
        byScope.computeIfAbsent(d.scope(), k -> new ArrayList<>()).addAll(r.advisories());
        sources.add(d.uri().toString());
        Fetched f = new Fetched(d, bytes, r.advisories().size(), r.withdrawn(), r.errors().size());
        fetched.add(f);
        listener.imported(f);
      }
      if (!options.allowShrink() && old.info != null) {
        for (Map.Entry<Download.Scope, List<Advisory>> e : byScope.entrySet()) {
          try {
            FeedCheck.notShrunk(e.getKey(), old.info.perEcosystem(), e.getValue());
          } catch (IOException x) {
            throw new UpdateException(x.getMessage() + "; " + old.state(), x);
          }
        }
      }
      List<Advisory> all = new ArrayList<>();
      List<String> allSources = new ArrayList<>();
      int kept = 0;
      if (!options.replace() && old.info != null) {
        MemoryVulnDatabase previous;
        try {
          previous = DbFile.loadAll(oldFile);
        } catch (IOException e) {
          throw new UpdateException(e.getMessage() + "; " + old.state(), e);
        }
        for (Advisory a : previous.advisories()) {
          if (byScope.keySet().stream().noneMatch(s -> FeedCheck.covers(s, a))) {
            all.add(a);
            kept++;
          }
        }
        for (String s : previous.info().sources()) if (!sources.contains(s)) allSources.add(s);
      }
      for (List<Advisory> l : byScope.values()) all.addAll(l);
      allSources.addAll(sources);
      MemoryVulnDatabase db = new MemoryVulnDatabase(now, allSources, all);
      listener.writing(db.info().advisories());
      Path file = dir.resolve(IndexedDbFile.NAME);
      try {
        writer.save(db, file);
        written.set(true);
      } catch (IOException e) {
        throw new UpdateException("writing the new database failed (" + e.getMessage() + "); " + old.state(), e);
      }
      if (!oldFile.equals(file)) Files.deleteIfExists(oldFile);
      return new Result(file, db.info(), old.info == null ? -1 : old.info.advisories(), kept, fetched);
    } finally {
      deleteTree(work);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
  }

  private long fetch(Download d, Path file, Old old) throws UpdateException {
    for (int attempt = 0; ; attempt++) {
      IOException failure;
      try {
        return downloader.fetch(d.uri(), file, d.kind().maxBytes(), (bytes, total) -> listener.bytes(d, bytes, total));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpdateException(d.label() + ": interrupted; " + old.state(), e);
      } catch (Downloader.TooLargeException e) {
        throw new UpdateException(d.label() + ": " + e.getMessage() + "; " + old.state(), e);
      } catch (Downloader.HttpStatusException e) {
        if (!e.retryable()) throw new UpdateException(d.label() + ": " + e.getMessage() + "; " + old.state(), e);
        failure = e;
      } catch (IOException e) {
        failure = e;
      }
      if (attempt >= options.retries()) {
        String tries = attempt == 0 ? "" : " (tried " + (attempt + 1) + " times)";
        throw new UpdateException(d.label() + ": " + failure.getMessage() + tries + "; " + old.state(), failure);
      }
      Duration wait = options.backoff().multipliedBy(attempt + 1L);
      listener.retrying(d, failure, attempt + 1, wait);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpdateException(d.label() + ": interrupted; " + old.state(), e);
      }
    }
  }

  /** The importers name the temporary file; a user knows the download by its label. */
  private static String stripPath(String message, Path file, Download d) {
    if (message == null) return "unreadable";
    String m = message.replace(file + "!", "").replace(file.toString(), d.label());
    return m.startsWith(d.label() + ": ") ? m.substring(d.label().length() + 2) : m;
  }

  /** What a killed update or import left: work directories and temporary database files (safe to remove: the lock is held). */
  static void removeLeftovers(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*")) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        boolean work = n.startsWith(WORK_PREFIX) && Files.isDirectory(p);
        boolean tmp = (n.startsWith("." + IndexedDbFile.NAME) || n.startsWith("." + DbFile.NAME)) && n.endsWith(".tmp");
        if (work) deleteTree(p);
        else if (tmp) Files.deleteIfExists(p);
      }
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: the next update removes what is left
    }
  }

  /** The database the update would replace, read once before anything is downloaded. */
  private record Old(Path file, DbInfo info, String problem) {
    static Old read(Path file) {
      if (!Files.exists(file)) return new Old(file, null, null);
      try {
        return new Old(file, DbFile.open(file).info(), null);
      } catch (IOException e) {
        return new Old(file, null, e.getMessage());
      }
    }

    /** The sentence every failure ends with. */
    String state() {
      if (info != null) {
        return "the database " + file + " is unchanged and still usable (" + info.advisories() + " advisories, built " + info.built() + ")";
      }
      if (problem != null) return "the existing database " + file + " was left as it was (it is unreadable: " + problem + ")";
      return "no database was written";
    }
  }
}
