package dev.bulwark.bench;

import dev.bulwark.vuln.db.DbFile;
import dev.bulwark.vuln.db.IndexedDbFile;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.db.VulnDatabase;
import dev.bulwark.vuln.feed.Feeds;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.OsvImport;
import dev.bulwark.vuln.osv.Range;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The budget: opening the vulnerability database and matching 1,000 packages, ≤ 150 ms together. The
 * database is every OSV sample of ../shared/data/osv plus the Alpine secdb samples (≈10k records, the shared data; a
 * full osv.dev mirror is larger), saved by {@link DbFile}; the 1,000 packages are drawn with a fixed seed from the
 * records' own packages (70%, at a version taken from one of their range events, so the ranges are really evaluated)
 * and names no record mentions (30%). {@code open} alone, {@code match} alone (database already open) and both.
 * The data directory is the system property {@code bulwark.data} (default ../shared/data).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VulnDbBenchmark {
  static final int PACKAGES = 1000;

  /** {@code json}: the gzip JSON file read whole ({@link DbFile#load}), the baseline; {@code indexed}: {@link IndexedDbFile}. */
  @Param({"json", "indexed"})
  String storage;

  Path file;
  String[][] queries;
  VulnDatabase open;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    Path data = Path.of(System.getProperty("bulwark.data", "../shared/data"));
    List<Advisory> all = new ArrayList<>();
    for (String feed : List.of("osv", "distro/alpine")) {
      Path p = data.resolve(feed);
      if (!Files.isDirectory(p)) throw new IOException("no samples at " + p.toAbsolutePath() + " (set -Dbulwark.data)");
      try (var files = Files.list(p)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          OsvImport.Result r = Feeds.read(f);
          all.addAll(r.advisories());
        }
      }
    }
    MemoryVulnDatabase db = new MemoryVulnDatabase(Instant.now(), List.of(data.toString()), all);
    Path dir = Files.createTempDirectory("bulwark-vulndb-bench");
    if (storage.equals("json")) {
      file = dir.resolve(DbFile.NAME);
      DbFile.save(db, file);
    } else {
      file = dir.resolve(IndexedDbFile.NAME);
      IndexedDbFile.save(db, file);
    }
    List<Affected> affected = new ArrayList<>();
    for (Advisory a : db.advisories()) affected.addAll(a.affected());
    Random r = new Random(13);
    queries = new String[PACKAGES][];
    for (int i = 0; i < PACKAGES; i++) {
      Affected af = affected.get(r.nextInt(affected.size()));
      if (r.nextInt(10) < 3) {
        queries[i] = new String[] {af.ecosystem(), "no-such-package-" + i, "1.0.0"};
        continue;
      }
      String version = "1.0.0";
      for (Range range : af.ranges()) {
        for (Range.Event e : range.events()) {
          if (!e.version().equals("0") && r.nextBoolean()) version = e.version();
        }
      }
      queries[i] = new String[] {af.ecosystem(), af.name(), version};
    }
    open = DbFile.open(file);
    System.out.printf("%n[vulndb bench] %s: %d advisories, file %d bytes%n", storage, db.advisories().size(), Files.size(file));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.getParent());
  }

  @Benchmark
  public void openAndMatch(Blackhole bh) throws IOException {
    VulnDatabase db = DbFile.open(file);
    for (String[] q : queries) bh.consume(db.match(q[0], q[1], q[2]));
  }

  @Benchmark
  public VulnDatabase open() throws IOException {
    return DbFile.open(file);
  }

  @Benchmark
  public void match(Blackhole bh) {
    for (String[] q : queries) bh.consume(open.match(q[0], q[1], q[2]));
  }
}
