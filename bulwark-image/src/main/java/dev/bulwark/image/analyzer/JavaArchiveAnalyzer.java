package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import java.util.List;

/** Java archives (jar, war, ear): {@code pom.properties}, nested jars, the manifest, then the file name. */
final class JavaArchiveAnalyzer implements FileAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("java-archive", Ecosystem.MAVEN, 1);
  }

  @Override
  public boolean wants(String path) {
    return LanguagePackages.javaArchive(path);
  }

  @Override
  public List<Package> analyze(AnalysisContext image, String path, byte[] content) {
    return Purls.applications(image, path, LanguagePackages.java(path, content));
  }

}
