package dev.bulwark.cli;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.DbInfo;
import dev.bulwark.vuln.db.DbLock;
import dev.bulwark.vuln.db.IndexedDbFile;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.OsvImport;
import dev.bulwark.vuln.update.Download;
import dev.bulwark.vuln.update.Downloader;
import dev.bulwark.vuln.update.EnvProxy;
import dev.bulwark.vuln.update.HttpDownloader;
import dev.bulwark.vuln.update.Sources;
import dev.bulwark.vuln.update.UpdateException;
import dev.bulwark.vuln.update.Updater;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark db update|import|info}: the offline vulnerability database. */
@Command(name = "db", mixinStandardHelpOptions = true, subcommands = {DbCommand.Update.class, DbCommand.Import.class, DbCommand.Info.class},
    description = "Manage the offline vulnerability database (OSV, Alpine secdb and Debian security tracker advisories).")
final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The database directory: {@code --db}, else {@code $XDG_CACHE_HOME/bulwark/db}, else {@code ~/.cache/bulwark/db}. */
  static Path location(String option, Map<String, String> env, String home) {
    if (option != null) return Path.of(option);
    String cache = env.get("XDG_CACHE_HOME");
    // the XDG spec: a relative value is invalid and ignored
    Path base = cache != null && !cache.isEmpty() && Path.of(cache).isAbsolute() ? Path.of(cache) : Path.of(home, ".cache");
    return base.resolve("bulwark").resolve("db");
  }

  /** The database file to read: the indexed one, or an earlier gzip JSON one when only that exists. */
  static Path file(String option) {
    return DbFile.locate(dir(option));
  }

  static Path dir(String option) {
    return location(option, System.getenv(), System.getProperty("user.home"));
  }

  /** {@code bulwark db import FILE|DIR…}: adds OSV records to the database (a record with a known id replaces it). */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import advisories into the database: OSV records (.jsonl, .json, osv.dev's all.zip), Alpine secdb JSON, the Debian security tracker JSON, or directories of them; records with an id already there replace it. A bad record is reported and skipped.")
  static final class Import implements Callable<Integer> {
    /** Bad records warned about one by one; a directory of another format would otherwise flood the terminal. */
    static final int MAX_WARNINGS = 20;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Feed files (.jsonl, .json, .zip), or directories of them.")
    List<Path> paths;

    @Option(names = "--db", paramLabel = "DIR", description = "Database directory. Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db.")
    String db;

    @Option(names = "--replace", description = "Start a new database instead of adding to the existing one.")
    boolean replace;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (DbLock lock = DbLock.acquire(dir(db))) {
        return importAll(out, err);
      }
    }

    private int importAll(PrintWriter out, PrintWriter err) throws IOException {
      Path old = file(db);
      // written in the indexed format; an earlier gzip JSON database is read, then replaced by it
      Path file = dir(db).resolve(IndexedDbFile.NAME);
      List<Advisory> advisories = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      if (!replace && Files.exists(old)) {
        // a corrupt database stops the import (exit 2) rather than being silently replaced by a partial one
        MemoryVulnDatabase existing = DbFile.loadAll(old);
        advisories.addAll(existing.advisories());
        sources.addAll(existing.info().sources());
      }
      for (Path p : paths) {
        OsvImport.Result r = dev.bulwark.vuln.feed.Feeds.read(p);
        List<String> bad = r.errors();
        for (String e : bad.subList(0, Math.min(bad.size(), MAX_WARNINGS))) err.println("bulwark: warning: skipped a bad record: " + Failures.oneLine(e));
        if (bad.size() > MAX_WARNINGS) err.println("bulwark: warning: … and " + (bad.size() - MAX_WARNINGS) + " more bad records in " + p);
        out.printf("%s: %d records imported, %d withdrawn skipped, %d bad skipped%n", p, r.advisories().size(), r.withdrawn(), r.errors().size());
        advisories.addAll(r.advisories());
        String source = p.toAbsolutePath().normalize().toString();
        sources.remove(source);
        sources.add(source);
      }
      MemoryVulnDatabase merged = new MemoryVulnDatabase(Instant.now().truncatedTo(ChronoUnit.SECONDS), sources, advisories);
      IndexedDbFile.save(merged, file);
      if (!old.equals(file)) Files.deleteIfExists(old);
      out.printf("database %s: %d advisories%n", file, merged.info().advisories());
      out.flush();
      err.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code bulwark db update}: downloads the official feeds (or a mirror's) and replaces the database atomically; see
   * {@link Updater}. Base URLs: the option, else {@code BULWARK_OSV_URL}, {@code BULWARK_ALPINE_URL},
   * {@code BULWARK_DEBIAN_URL}, else the official location.
   */
  @Command(name = "update", mixinStandardHelpOptions = true,
      description = {"Download the advisory feeds and replace the database with them, atomically: OSV's per-ecosystem all.zip, Alpine secdb"
          + " (main and community of each branch) and the Debian security tracker JSON. Everything is downloaded into the database directory and"
          + " checked first; a failed, interrupted or corrupt download leaves the old database as it was and usable.",
          "Advisories of the ecosystems downloaded replace what the database held for them; others (imported from files) are kept."})
  static final class Update implements Callable<Integer> {
    static final String ENV_OSV = "BULWARK_OSV_URL";
    static final String ENV_ALPINE = "BULWARK_ALPINE_URL";
    static final String ENV_DEBIAN = "BULWARK_DEBIAN_URL";
    /** Alpine branches that ended this long ago are still fetched by default: images outlive their branch. */
    static final java.time.Period ALPINE_GRACE = java.time.Period.ofYears(2);

    @Option(names = "--db", paramLabel = "DIR", description = "Database directory. Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db.")
    String db;

    @Option(names = "--source", paramLabel = "NAME", split = ",", description = "Sources to update: osv, alpine, debian (default: all three).")
    List<String> sources;

    @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
        description = "OSV ecosystems, as osv.dev names them (default: PyPI, npm, Go, Maven, crates.io, RubyGems, NuGet, Packagist, Ubuntu).")
    List<String> ecosystems;

    @Option(names = "--alpine-branch", paramLabel = "vX.Y", split = ",",
        description = "Alpine branches (default: the supported ones and those ended in the last two years, from the end-of-life catalog).")
    List<String> branches;

    @Option(names = "--osv-url", paramLabel = "URL", description = "Base URL of OSV's bucket or a mirror of it (BASE/<Ecosystem>/all.zip). Env: BULWARK_OSV_URL.")
    String osvUrl;

    @Option(names = "--alpine-url", paramLabel = "URL", description = "Base URL of Alpine secdb or a mirror (BASE/v3.x/main.json). Env: BULWARK_ALPINE_URL.")
    String alpineUrl;

    @Option(names = "--debian-url", paramLabel = "URL", description = "Base URL of the Debian security tracker or a mirror (BASE/data/json). Env: BULWARK_DEBIAN_URL.")
    String debianUrl;

    @Option(names = "--replace", description = "Start a new database from the downloads alone, dropping advisories imported from files.")
    boolean replace;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2", description = "Tries after a failed download (not after 4xx). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Give a download up after this long without data. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Option(names = "--allow-shrink", description = "Accept downloads that give less than half the advisories the database holds for their ecosystems.")
    boolean allowShrink;

    @Option(names = Opt.OFFLINE, description = "Refused: an update needs the network (import files with `bulwark db import`).")
    boolean offline;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (offline) {
        err.println("bulwark: error: --offline: db update downloads advisories from the network; to build the database offline,"
            + " import files you have with `bulwark db import FILE|DIR`");
        err.flush();
        return ExitCodes.INPUT_ERROR;
      }
      List<Download> plan;
      Duration idle;
      EnvProxy proxy;
      try {
        if (retries < 0) throw new IllegalArgumentException("--retries must be 0 or more");
        if (timeout <= 0) throw new IllegalArgumentException("--timeout must be at least 1 second");
        idle = Duration.ofSeconds(timeout);
        plan = Sources.plan(selection(System.getenv(), java.time.LocalDate.now()));
        proxy = new EnvProxy(System.getenv());
        for (Download d : plan) proxy.proxyFor(d.uri()); // a malformed proxy variable fails now, in words
      } catch (IllegalArgumentException e) {
        err.println("bulwark: error: " + Failures.oneLine(e.getMessage()));
        err.flush();
        return ExitCodes.INPUT_ERROR;
      }
      Downloader http = new HttpDownloader(Duration.ofSeconds(Math.min(timeout, 30)), idle, proxy, "bulwark/" + BulwarkCommand.Version.get());
      return run(http, plan, out, err);
    }

    /** The update with a given downloader (tests give their own). */
    int run(Downloader downloader, List<Download> plan, PrintWriter out, PrintWriter err) {
      DbProgress progress = new DbProgress(err, Terminal.interactive());
      Updater updater = new Updater(downloader, progress, new Updater.Options(replace, retries, Duration.ofSeconds(2), allowShrink));
      Updater.Result r;
      try {
        r = updater.update(dir(db), plan, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      } catch (UpdateException e) {
        progress.finish();
        // not cut to Failures' line length: the end says what became of the old database
        err.println("bulwark: error: db update failed: " + dev.bulwark.report.Escape.terminal(e.getMessage().replaceAll("\\s*\\R\\s*", " ")));
        err.flush();
        return ExitCodes.INPUT_ERROR;
      }
      progress.finish();
      for (Updater.Fetched f : r.fetched()) {
        out.printf("%s: %d records imported, %d withdrawn skipped, %d bad skipped (%s)%n", f.download().label(), f.records(), f.withdrawn(), f.bad(),
            DbProgress.size(f.bytes()));
      }
      out.printf("database %s: %d advisories%s%n", r.file(), r.info().advisories(),
          (r.before() >= 0 ? " (was " + r.before() + ")" : "") + (r.kept() > 0 ? ", " + r.kept() + " of other ecosystems kept" : ""));
      out.flush();
      return ExitCodes.OK;
    }

    /** The sources, ecosystems, branches and bases chosen: each base the option, else its variable, else the official one. */
    Sources.Selection selection(Map<String, String> env, java.time.LocalDate today) {
      return new Sources.Selection(sources != null ? sources : Sources.ALL, ecosystems != null ? ecosystems : Sources.DEFAULT_ECOSYSTEMS,
          branches != null ? branches : defaultAlpineBranches(today),
          base(osvUrl, env.get(ENV_OSV), Sources.OSV_BASE, "--osv-url", ENV_OSV),
          base(alpineUrl, env.get(ENV_ALPINE), Sources.ALPINE_BASE, "--alpine-url", ENV_ALPINE),
          base(debianUrl, env.get(ENV_DEBIAN), Sources.DEBIAN_BASE, "--debian-url", ENV_DEBIAN));
    }

    private static java.net.URI base(String option, String env, java.net.URI official, String optionName, String envName) {
      if (option != null) return Sources.base(option, optionName);
      if (env != null && !env.isBlank()) return Sources.base(env, envName);
      return official;
    }

    /** Alpine branches still supported on {@code today} or ended within {@link #ALPINE_GRACE}, newest first. */
    static List<String> defaultAlpineBranches(java.time.LocalDate today) {
      List<String> out = new ArrayList<>();
      for (dev.bulwark.core.eol.EolCatalog.Cycle c : dev.bulwark.core.eol.EolCatalog.get().cyclesOf("alpine-linux")) {
        if (!c.isEndOfLife(today.minus(ALPINE_GRACE))) out.add("v" + c.cycle());
      }
      return out;
    }
  }

  /** {@code bulwark db info}: where the database is, when it was built, what it holds. */
  @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the database's location, build time, age, sources and record counts.")
  static final class Info implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "DIR", description = "Database directory. Default: $XDG_CACHE_HOME/bulwark/db or ~/.cache/bulwark/db.")
    String db;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path file = file(db);
      DbInfo info = DbFile.open(file).info();
      out.println("database:   " + file);
      out.println("built:      " + info.built() + " (" + age(Duration.between(info.built(), Instant.now())) + " ago)");
      out.println("advisories: " + info.advisories());
      out.println("sources:");
      for (String s : info.sources()) out.println("  " + s);
      out.println("per ecosystem:");
      info.perEcosystem().forEach((e, n) -> out.printf("  %-28s %d%n", e, n));
      out.flush();
      return ExitCodes.OK;
    }
  }

  static String age(Duration d) {
    if (d.isNegative()) return "0 minutes";
    if (d.toDays() >= 1) return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    if (d.toHours() >= 1) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }
}
