package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.ByteWatcher;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.FileFacts;
import dev.bulwark.image.pkg.GoSymbolTable;
import dev.bulwark.image.pkg.GoSymbols;
import dev.bulwark.image.pkg.GoBuildInfo;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go executables: the toolchain (as {@code stdlib}), the main module and the dependencies of their embedded build
 * info, and the binary's symbol table for reachability ({@link GoSymbols}).
 */
final class GoBinaryAnalyzer implements StreamAnalyzer {
  /** Names kept of one binary's symbol table (the largest real binaries have a few hundred thousand with prefixes). */
  static final int MAX_SYMBOLS = 2_000_000;

  private final boolean readSymbols;

  /** {@code readSymbols}: keep each binary's symbol table too, which reachability needs and an SBOM does not. */
  GoBinaryAnalyzer(boolean readSymbols) {
    this.readSymbols = readSymbols;
  }

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
    GoSymbols.Scanner symbols = readSymbols ? new GoSymbols.Scanner(MAX_SYMBOLS) : null;
    return new ByteWatcher() {
      private boolean infoWanted = true;
      private boolean symbolsWanted = symbols != null;
      private GoSymbolTable table;

      @Override
      public boolean accept(byte[] b, int off, int len) {
        // the symbol table comes before the build info in Go's ELF layout; each reader stops on its own
        infoWanted = infoWanted && scanner.accept(b, off, len);
        symbolsWanted = symbolsWanted && symbols.accept(b, off, len);
        return infoWanted || symbolsWanted;
      }

      @Override
      public List<Package> finish() {
        var info = scanner.finish();
        if (info.isEmpty()) {
          return List.of(); // no build info: no module to match, so no table to keep either
        }
        table = symbols == null ? null : symbols.finish().map(t -> t.withPlatform(setting(info.get(), "GOOS"), setting(info.get(), "GOARCH"))).orElse(null);
        return packages(info.get(), file.layer(), file.path());
      }

      @Override
      public FileFacts facts() {
        return table;
      }
    };
  }

  /** A build setting's value ({@code GOOS=linux} → linux), or null. */
  static String setting(GoBuildInfo.Info info, String key) {
    for (String s : info.buildSettings()) {
      if (s.startsWith(key + "=")) {
        return s.substring(key.length() + 1);
      }
    }
    return null;
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
