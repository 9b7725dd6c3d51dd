package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.image.pkg.NodeLockFiles;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import java.util.List;

/** A Node project's lock file (npm, yarn, pnpm), unless the project has its packages installed beside it. */
final class NodeLockAnalyzer implements FileAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("node-lock", Ecosystem.NPM, 1);
  }

  @Override
  public boolean wants(String path) {
    return NodeLockFiles.wanted(path);
  }

  @Override
  public List<Package> analyze(AnalysisContext image, String path, byte[] content) {
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) + "/node_modules" : "node_modules";
    if (!image.files().capturedUnder(dir).isEmpty()) {
      return List.of(); // the installed node_modules say what is really there; the lock file would list it twice
    }
    return Purls.applications(image, path, NodeLockFiles.parse(path, content));
  }

}
