package dev.bulwark.cli;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.DbInfo;
import dev.bulwark.vuln.db.IndexedDbFile;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.OsvImport;
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

/** {@code bulwark db import|info}: the offline vulnerability database. */
@Command(name = "db", mixinStandardHelpOptions = true, subcommands = {DbCommand.Import.class, DbCommand.Info.class},
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
