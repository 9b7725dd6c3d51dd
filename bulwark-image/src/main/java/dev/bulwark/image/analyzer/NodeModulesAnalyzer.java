package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;

/** Installed Node packages: {@code node_modules/**&#47;package.json}. */
final class NodeModulesAnalyzer implements FileAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("node-modules", Ecosystem.NPM, 1);
  }

  @Override
  public boolean wants(String path) {
    return LanguagePackages.nodeModule(path);
  }

  @Override
  public Findings analyze(AnalysisContext image, String path, byte[] content) {
    return Findings.of(Purls.applications(image, path, LanguagePackages.npm(content)));
  }

}
