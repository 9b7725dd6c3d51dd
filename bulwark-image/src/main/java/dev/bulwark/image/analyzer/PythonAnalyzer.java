package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;
import java.nio.charset.StandardCharsets;

/** Installed Python distributions: {@code *.dist-info/METADATA} and {@code *.egg-info/PKG-INFO}. */
final class PythonAnalyzer implements FileAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("python", Ecosystem.PYPI, 1);
  }

  @Override
  public boolean wants(String path) {
    return LanguagePackages.pythonMetadata(path);
  }

  @Override
  public Findings analyze(AnalysisContext image, String path, byte[] content) {
    return Findings.of(Purls.applications(image, path, LanguagePackages.python(new String(content, StandardCharsets.UTF_8))));
  }

}
