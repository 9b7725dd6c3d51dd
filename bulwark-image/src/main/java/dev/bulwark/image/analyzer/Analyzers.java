package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.ByteWatcher;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.FileInterest;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.sbom.Package;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of package analyzers, in the order their packages are reported: OS databases,
 * then application files, then binaries. A new ecosystem is one class and one line here.
 */
public final class Analyzers {
  private Analyzers() {}

  private static final List<PackageAnalyzer> ALL = List.of(
      new DpkgAnalyzer(), new DistrolessDpkgAnalyzer(), new ApkAnalyzer(), new RpmAnalyzer(),
      new PythonAnalyzer(), new NodeModulesAnalyzer(), new NodeLockAnalyzer(), new JavaArchiveAnalyzer(),
      new GoBinaryAnalyzer(false), new RustBinaryAnalyzer());

  /** The same, with Go binaries' symbol tables read too (for reachability; it costs CPU on every Go binary). */
  private static final List<PackageAnalyzer> WITH_GO_SYMBOLS = ALL.stream()
      .map(a -> a instanceof GoBinaryAnalyzer ? (PackageAnalyzer) new GoBinaryAnalyzer(true) : a).toList();

  public static List<PackageAnalyzer> all() {
    return ALL;
  }

  /** {@link #all()}, with Go binaries' symbol tables kept as {@code FileFacts} when {@code goSymbols}. */
  public static List<PackageAnalyzer> all(boolean goSymbols) {
    return goSymbols ? WITH_GO_SYMBOLS : ALL;
  }

  /** What the layer reader keeps and watches for these analyzers (and OS detection). */
  public static FileInterest interest(List<PackageAnalyzer> analyzers) {
    return new Interest(only(analyzers, DatabaseAnalyzer.class), only(analyzers, FileAnalyzer.class), only(analyzers, StreamAnalyzer.class));
  }

  /**
   * Runs the analyzers over an image whose layers were read with their {@link #interest}:
   * databases one after the other, application files in path order (each by the first analyzer
   * that wants it), then what each binary analyzer found in the files streamed past, by path.
   */
  public static Findings analyze(List<PackageAnalyzer> analyzers, AnalysisContext image, Map<String, List<Package>> streamed) {
    List<Package> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    for (DatabaseAnalyzer d : only(analyzers, DatabaseAnalyzer.class)) {
      Findings f = d.analyze(image);
      out.addAll(f.packages());
      gaps.addAll(f.gaps());
    }
    List<FileAnalyzer> files = only(analyzers, FileAnalyzer.class);
    for (String path : image.files().captured()) {
      for (FileAnalyzer f : files) {
        if (f.wants(path)) {
          Findings found = f.analyze(image, path, image.files().content(path).orElse(new byte[0]));
          out.addAll(found.packages());
          gaps.addAll(found.gaps());
          break;
        }
      }
    }
    gaps.addAll(uncapturedGaps(analyzers, image));
    Map<String, List<Package>> byPath = new TreeMap<>(streamed);
    for (StreamAnalyzer s : only(analyzers, StreamAnalyzer.class)) {
      // a watcher's packages are of its analyzer's ecosystem, and each ecosystem has one binary analyzer (checked below)
      byPath.values().forEach(found -> found.stream().filter(p -> p.ecosystem() == s.ecosystem()).forEach(out::add));
    }
    return new Findings(out, gaps);
  }

  /**
   * A file an analyzer wanted but a limit kept out (too large, or past the total kept) is a gap:
   * its packages are missing, and the SBOM must say so rather than list none in silence.
   */
  private static List<String> uncapturedGaps(List<PackageAnalyzer> analyzers, AnalysisContext image) {
    List<String> gaps = new ArrayList<>();
    for (var e : image.files().uncaptured().entrySet()) {
      String name = wanting(analyzers, image, e.getKey());
      if (name != null) {
        gaps.add("/" + e.getKey() + " (" + name + ") " + e.getValue() + ": its packages are missing");
      }
    }
    return gaps;
  }

  private static String wanting(List<PackageAnalyzer> analyzers, AnalysisContext image, String path) {
    FileEntry entry = image.files().get(path).orElse(null);
    for (PackageAnalyzer a : analyzers) {
      if (a instanceof DatabaseAnalyzer d && d.wants(path) || a instanceof FileAnalyzer f && f.wants(path)) {
        return a.name();
      }
      if (a instanceof StreamAnalyzer s && entry != null && s.wants(entry)) {
        return "binary";
      }
    }
    return null;
  }

  private static <T extends PackageAnalyzer> List<T> only(List<PackageAnalyzer> analyzers, Class<T> kind) {
    return analyzers.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static {
    Set<Object> ecosystems = new HashSet<>();
    for (StreamAnalyzer s : only(ALL, StreamAnalyzer.class)) {
      if (!ecosystems.add(s.ecosystem())) {
        throw new IllegalStateException("two binary analyzers report " + s.ecosystem() + ": their findings could not be told apart");
      }
    }
  }

  /** The account databases kept for whoever needs a user's numeric id (the runtime settings of a built image). */
  private static final String[] ACCOUNTS = {"etc/passwd", "etc/group"};

  /** Arrays, not streams: both questions are asked for every file of every layer. */
  private record Interest(DatabaseAnalyzer[] databases, FileAnalyzer[] files, StreamAnalyzer[] streams) implements FileInterest {
    Interest(List<DatabaseAnalyzer> databases, List<FileAnalyzer> files, List<StreamAnalyzer> streams) {
      this(databases.toArray(DatabaseAnalyzer[]::new), files.toArray(FileAnalyzer[]::new), streams.toArray(StreamAnalyzer[]::new));
    }

    @Override
    public Keep keep(String path) {
      if (OsInfo.FILES.contains(path)) {
        return Keep.EVERY_VERSION;
      }
      if (path.equals(ACCOUNTS[0]) || path.equals(ACCOUNTS[1])) {
        return Keep.LAST; // who USER names: runtime settings need the numeric ids
      }
      for (DatabaseAnalyzer d : databases) {
        if (d.wants(path)) {
          return Keep.EVERY_VERSION;
        }
      }
      for (FileAnalyzer f : files) {
        if (f.wants(path)) {
          return Keep.LAST;
        }
      }
      return Keep.NONE;
    }

    @Override
    public List<ByteWatcher> watch(FileEntry file) {
      List<ByteWatcher> out = null;
      for (StreamAnalyzer s : streams) {
        if (s.wants(file)) {
          (out == null ? out = new ArrayList<>(streams.length) : out).add(s.watch(file));
        }
      }
      return out == null ? List.of() : out;
    }
  }
}
