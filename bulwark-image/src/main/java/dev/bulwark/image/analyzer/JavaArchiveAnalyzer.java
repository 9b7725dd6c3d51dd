package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import java.util.List;

/** Java archives (jar, war, ear): {@code pom.properties}, nested jars, the manifest, then the file name. */
final class JavaArchiveAnalyzer implements FileAnalyzer {

  @Override
  public String name() {
    return "java-archive";
  }

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.MAVEN;
  }

  @Override
  public int version() {
    return 1;
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
