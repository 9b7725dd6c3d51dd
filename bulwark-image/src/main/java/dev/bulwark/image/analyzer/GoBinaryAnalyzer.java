package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.ByteWatcher;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.pkg.GoBuildInfo;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go executables: the toolchain (as {@code stdlib}), the main module and the dependencies of their embedded build info. */
final class GoBinaryAnalyzer implements StreamAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("go-binary", Ecosystem.GOLANG, 1);
  }

  @Override
  public boolean wants(FileEntry file) {
    return Executables.wanted(file);
  }

  @Override
  public ByteWatcher watch(FileEntry file) {
    GoBuildInfo.Scanner scanner = new GoBuildInfo.Scanner();
    return new ByteWatcher() {
      @Override
      public boolean accept(byte[] b, int off, int len) {
        return scanner.accept(b, off, len);
      }

      @Override
      public List<Package> finish() {
        return scanner.finish().map(info -> packages(info, file.layer(), file.path())).orElse(List.of());
      }
    };
  }

  static List<Package> packages(GoBuildInfo.Info info, int layer, String binary) {
    List<Package> out = new ArrayList<>();
    String go = info.goVersion().startsWith("go") ? info.goVersion().substring(2) : info.goVersion();
    out.add(module("stdlib", go, layer, binary));
    if (info.mainPath() != null && info.mainVersion() != null && !info.mainVersion().equals("(devel)")) {
      out.add(module(info.mainPath(), info.mainVersion(), layer, binary));
    }
    for (GoBuildInfo.Module m : info.deps()) {
      out.add(module(m.path(), m.version(), layer, binary));
    }
    return out;
  }

  private static Package module(String module, String version, int layer, String binary) {
    int slash = module.lastIndexOf('/');
    var purl = Purls.of(Ecosystem.GOLANG, slash < 0 ? null : module.substring(0, slash), slash < 0 ? module : module.substring(slash + 1), version,
        Map.of());
    return new Package(Ecosystem.GOLANG, module, version, null, module, version, null, purl, new Location(layer, binary));
  }
}
