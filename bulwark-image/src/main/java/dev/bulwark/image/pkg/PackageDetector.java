package dev.bulwark.image.pkg;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import dev.bulwark.image.Image;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.LayerReader.FileVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The packages of an image, each with the layer that introduced it: Debian/Ubuntu dpkg status,
 * distroless status.d, Alpine apk, RPM (SQLite and Berkeley DB), language packages and Go
 * binaries. A package is attributed to the first layer whose copy of the database lists it at
 * its current version.
 */
public final class PackageDetector {
  private PackageDetector() {}

  /**
   * What was found, and the gaps: package databases present in the image that could not be read,
   * so a reader knows the list is incomplete rather than trusting a silently short one.
   */
  public record Detected(List<InstalledPackage> packages, List<String> gaps) {
    public Detected {
      packages = List.copyOf(packages);
      gaps = List.copyOf(gaps);
    }
  }

  public static Detected detect(Image image, OsInfo os) {
    List<InstalledPackage> out = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    String distro = os == null ? null : os.id();
    String distroQualifier = os == null ? null : os.purlDistro();
    image.files().content("var/lib/dpkg/status").ifPresent(b -> {
      Map<String, Integer> firstSeen = firstLayers(image.history().get("var/lib/dpkg/status"), true);
      for (DpkgStatus.Entry e : DpkgStatus.parse(new String(b, StandardCharsets.UTF_8))) {
        out.add(deb(e, distro, distroQualifier, firstSeen.getOrDefault(e.name() + "@" + e.version(), -1), "var/lib/dpkg/status"));
      }
    });
    for (String f : image.files().capturedUnder("var/lib/dpkg/status.d")) {
      int layer = image.files().get(f).map(FileEntry::layer).orElse(-1);
      for (DpkgStatus.Entry e : DpkgStatus.parse(new String(image.files().content(f).orElseThrow(), StandardCharsets.UTF_8), false)) {
        out.add(deb(e, distro, distroQualifier, layer, f));
      }
    }
    image.files().content("lib/apk/db/installed").ifPresent(b -> {
      Map<String, Integer> firstSeen = firstLayers(image.history().get("lib/apk/db/installed"), false);
      for (ApkInstalled.Entry e : ApkInstalled.parse(new String(b, StandardCharsets.UTF_8))) {
        String purl = purl("apk", "alpine", e.name(), e.version(), Map.of("arch", nz(e.arch()), "distro", os == null ? "" : nz(os.versionId())));
        out.add(new InstalledPackage("apk", e.name(), e.version(), e.arch(), e.origin(), e.version(), e.license(), purl,
            firstSeen.getOrDefault(e.name() + "@" + e.version(), -1), "lib/apk/db/installed"));
      }
    });
    RpmPackages.detect(image, os, out, gaps);
    Set<String> installedNodeProjects = nodeProjectsWithModules(image.files().captured());
    for (String path : image.files().captured()) {
      if (!LanguagePackages.wanted(path)) {
        continue;
      }
      if (NodeLockFiles.wanted(path) && installedNodeProjects.contains(parentOf(path))) {
        continue; // the installed node_modules say what is really there; the lock file would list it twice
      }
      int layer = image.files().get(path).map(FileEntry::layer).orElse(-1);
      for (LanguagePackages.Found f : LanguagePackages.parse(path, image.files().content(path).orElse(new byte[0]))) {
        String purl = purl(f.ecosystem(), f.namespace(), f.name(), f.version(), Map.of());
        String name = f.namespace() == null ? f.name() : f.namespace() + (f.ecosystem().equals("npm") ? "/" : ":") + f.name();
        out.add(new InstalledPackage(f.ecosystem(), name,
            f.version(), null, f.name(), f.version(), f.license(), purl, layer, path));
      }
    }
    for (var bin : new java.util.TreeMap<>(image.goBinaries()).entrySet()) {
      int layer = image.files().get(bin.getKey()).map(FileEntry::layer).orElse(-1);
      GoBuildInfo.Info info = bin.getValue();
      String go = info.goVersion().startsWith("go") ? info.goVersion().substring(2) : info.goVersion();
      out.add(golang("stdlib", go, layer, bin.getKey()));
      if (info.mainPath() != null && info.mainVersion() != null && !info.mainVersion().equals("(devel)")) {
        out.add(golang(info.mainPath(), info.mainVersion(), layer, bin.getKey()));
      }
      for (GoBuildInfo.Module m : info.deps()) {
        out.add(golang(m.path(), m.version(), layer, bin.getKey()));
      }
    }
    for (var bin : new java.util.TreeMap<>(image.rustBinaries()).entrySet()) {
      int layer = image.files().get(bin.getKey()).map(FileEntry::layer).orElse(-1);
      for (RustAuditInfo.Crate c : bin.getValue()) {
        String purl = purl("cargo", null, c.name(), c.version(), Map.of());
        out.add(new InstalledPackage("cargo", c.name(), c.version(), null, c.name(), c.version(), null, purl, layer, bin.getKey()));
      }
    }
    return new Detected(out, gaps);
  }

  /** Directories that hold a node_modules with packages in it. */
  private static Set<String> nodeProjectsWithModules(List<String> captured) {
    Set<String> out = new HashSet<>();
    for (String p : captured) {
      int nm = p.indexOf("/node_modules/");
      if (p.startsWith("node_modules/")) {
        out.add("");
      } else if (nm >= 0) {
        out.add(p.substring(0, nm));
      }
    }
    return out;
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static InstalledPackage golang(String module, String version, int layer, String binary) {
    int slash = module.lastIndexOf('/');
    String purl = purl("golang", slash < 0 ? null : module.substring(0, slash), slash < 0 ? module : module.substring(slash + 1), version, Map.of());
    return new InstalledPackage("go-module", module, version, null, module, version, null, purl, layer, binary);
  }

  private static InstalledPackage deb(DpkgStatus.Entry e, String distro, String distroQualifier, int layer, String foundIn) {
    Map<String, String> q = new HashMap<>();
    q.put("arch", nz(e.arch()));
    q.put("distro", nz(distroQualifier));
    if (!e.source().equals(e.name()) || !e.sourceVersion().equals(e.version())) {
      q.put("upstream", e.source() + (e.sourceVersion().equals(e.version()) ? "" : "@" + e.sourceVersion()));
    }
    String purl = purl("deb", distro == null ? "debian" : distro, e.name(), e.version(), q);
    return new InstalledPackage("deb", e.name(), e.version(), e.arch(), e.source(), e.sourceVersion(), null, purl, layer, foundIn);
  }

  private static Map<String, Integer> firstLayers(List<FileVersion> versions, boolean dpkg) {
    Map<String, Integer> first = new HashMap<>();
    if (versions == null) {
      return first;
    }
    for (FileVersion v : versions) {
      String text = new String(v.content(), StandardCharsets.UTF_8);
      if (dpkg) {
        for (DpkgStatus.Entry e : DpkgStatus.parse(text)) {
          first.putIfAbsent(e.name() + "@" + e.version(), v.layer());
        }
      } else {
        for (ApkInstalled.Entry e : ApkInstalled.parse(text)) {
          first.putIfAbsent(e.name() + "@" + e.version(), v.layer());
        }
      }
    }
    return first;
  }

  static String purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withNamespace(namespace).withName(name).withVersion(version);
      qualifiers.forEach((k, v) -> {
        if (v != null && !v.isEmpty()) {
          b.withQualifier(k, v);
        }
      });
      return b.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
