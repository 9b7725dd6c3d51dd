package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.image.pkg.NodeLockFiles;
import dev.bulwark.sbom.Ecosystem;
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
  public Findings analyze(AnalysisContext image, String path, byte[] content) {
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) + "/node_modules" : "node_modules";
    if (!image.files().capturedUnder(dir).isEmpty()) {
      return Findings.NONE; // the installed node_modules say what is really there; the lock file would list it twice
    }
    if (content.length > NodeLockFiles.MAX_BYTES) {
      // parsed as a tree (JSON, YAML): a tree costs several times the file, so lock files have a bound of their own
      return new Findings(List.of(), List.of("/" + path + " (node-lock) is too large to parse (" + (content.length >> 20) + " MiB, the limit is "
          + (NodeLockFiles.MAX_BYTES >> 20) + " MiB): its packages are missing"));
    }
    return Findings.of(Purls.applications(image, path, NodeLockFiles.parse(path, content)));
  }

}
