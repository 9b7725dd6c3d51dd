package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.LayerReader.FileVersion;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.image.pkg.RpmDatabase;
import dev.bulwark.image.pkg.RpmHeader;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * RPM distributions: the rpm database in the SQLite (with its write-ahead log) and Berkeley DB
 * formats, wherever rpm keeps it; an NDB database (SUSE) or one too large or damaged to read is a gap.
 */
final class RpmAnalyzer implements DatabaseAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("rpm", Ecosystem.RPM, 1);
  }

  @Override
  public boolean wants(String path) {
    return RpmDatabase.wanted(path);
  }

  /** purl namespaces (the vendor) for os-release IDs whose vendor is named differently. */
  private static final Map<String, String> NAMESPACES = Map.of(
      "rhel", "redhat", "amzn", "amazon", "ol", "oracle", "opensuse-leap", "opensuse", "opensuse-tumbleweed", "opensuse",
      "sles", "suse", "sle-micro", "suse");

  @Override
  public Findings analyze(AnalysisContext image) {
    List<Package> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    Set<String> seen = new HashSet<>(); // /var/lib/rpm is often a link to /usr/lib/sysimage/rpm: read each file once
    for (String dir : RpmDatabase.DIRECTORIES) {
      for (RpmDatabase.Format format : RpmDatabase.Format.values()) {
        Optional<FileEntry> entry = image.files().resolve(dir + "/" + format.fileName);
        if (entry.isEmpty() || entry.get().type() != FileEntry.Type.FILE || !seen.add(entry.get().path())) {
          continue;
        }
        read(image, entry.get(), format, out, gaps);
      }
    }
    return new Findings(out, gaps);
  }

  /**
   * Reads of one database state, keyed by the identity of its byte arrays (the final copy is also
   * the last version in the history: it is read once).
   */
  private record State(byte[] database, byte[] wal) {}

  private static final class Reads {
    private final Map<State, List<RpmHeader.Package>> done = new HashMap<>();

    List<RpmHeader.Package> read(RpmDatabase.Format format, byte[] database, byte[] wal) throws RpmDatabase.UnreadableException {
      State key = new State(database, wal);
      List<RpmHeader.Package> found = done.get(key);
      if (found == null) {
        found = RpmDatabase.read(format, database, wal);
        done.put(key, found);
      }
      return found;
    }
  }

  private static void read(AnalysisContext image, FileEntry db, RpmDatabase.Format format, List<Package> out, List<String> gaps) {
    OsInfo os = image.os();
    Reads reads = new Reads();
    String path = db.path();
    String what = "package database /" + path + " (RPM, " + format.label + " format)";
    Optional<byte[]> content = image.files().content(path);
    if (format == RpmDatabase.Format.NDB) {
      gaps.add(what + " is not read yet: its packages are missing");
      return;
    }
    if (content.isEmpty()) {
      return; // kept out by a limit: Analyzers reports the gap for every analyzer alike
    }
    List<RpmHeader.Package> packages;
    try {
      packages = reads.read(format, content.get(), wal(image, path).orElse(null));
    } catch (RpmDatabase.UnreadableException e) {
      gaps.add(what + " could not be read (" + e.getMessage() + "): its packages are missing");
      return;
    }
    Map<String, Integer> firstSeen = firstLayers(image, path, format, reads);
    String namespace = os == null ? null : NAMESPACES.getOrDefault(os.id(), os.id());
    String distro = os == null ? null : os.purlDistro();
    for (RpmHeader.Package p : packages) {
      out.add(toInstalled(p, namespace, distro, firstSeen.getOrDefault(key(p), db.layer()), path));
    }
  }

  static Package toInstalled(RpmHeader.Package p, String namespace, String distro, int layer, String foundIn) {
    Optional<String[]> source = RpmHeader.splitSourceRpm(p.sourceRpm());
    Map<String, String> q = new HashMap<>();
    q.put("arch", p.arch());
    q.put("epoch", p.epoch() == null ? null : String.valueOf(p.epoch()));
    q.put("distro", distro);
    q.put("upstream", source.isPresent() ? p.sourceRpm() : null);
    var purl = Purls.of(Ecosystem.RPM, namespace, p.name(), p.version() + "-" + p.release(), q);
    // the source package shares the binary's epoch: SOURCERPM carries none (as Trivy and Grype assume)
    String sourceVersion = source.map(s -> (p.epoch() == null ? "" : p.epoch() + ":") + s[1] + "-" + s[2]).orElse(p.evr());
    return new Package(Ecosystem.RPM, p.name(), p.evr(), p.arch(), source.map(s -> s[0]).orElse(p.name()), sourceVersion, p.license(),
        purl, new Location(layer, foundIn));
  }

  private static String key(RpmHeader.Package p) {
    return p.name() + "@" + p.evr() + "." + p.arch();
  }

  private static Optional<byte[]> wal(AnalysisContext image, String path) {
    return path.endsWith(RpmDatabase.Format.SQLITE.fileName) ? image.files().content(path + "-wal") : Optional.empty();
  }

  /**
   * The first layer at which each package appears: the database as it stood after each layer
   * that changed it (or, for SQLite, its write-ahead log) is read in turn.
   */
  private static Map<String, Integer> firstLayers(AnalysisContext image, String path, RpmDatabase.Format format, Reads reads) {
    List<FileVersion> dbVersions = image.history().getOrDefault(path, List.of());
    List<FileVersion> walVersions = format == RpmDatabase.Format.SQLITE ? image.history().getOrDefault(path + "-wal", List.of()) : List.of();
    Set<Integer> layers = new TreeSet<>();
    dbVersions.forEach(v -> layers.add(v.layer()));
    walVersions.forEach(v -> layers.add(v.layer()));
    Map<String, Integer> first = new HashMap<>();
    for (int layer : layers) {
      FileVersion db = latestAt(dbVersions, layer);
      if (db == null) {
        continue;
      }
      FileVersion wal = latestAt(walVersions, layer);
      try {
        for (RpmHeader.Package p : reads.read(format, db.content(), wal == null || wal.layer() < db.layer() ? null : wal.content())) {
          first.putIfAbsent(key(p), layer);
        }
      } catch (RpmDatabase.UnreadableException e) {
        // an intermediate copy that cannot be read only costs attribution; the final copy decides the list
      }
    }
    return first;
  }

  private static FileVersion latestAt(List<FileVersion> versions, int layer) {
    FileVersion latest = null;
    for (FileVersion v : versions) {
      if (v.layer() <= layer) {
        latest = v;
      }
    }
    return latest;
  }
}
