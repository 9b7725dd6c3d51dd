package dev.bulwark.image.analyzer;

import dev.bulwark.image.pkg.LanguagePackages;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.image.pkg.JavaArchives;
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
  public Findings analyze(AnalysisContext image, String path, byte[] content) {
    JavaArchives.Scan scan = JavaArchives.read(path, content, image.archiveBudget());
    List<String> gaps = scan.stopped() == null ? List.of() : List.of("/" + path + " (java-archive) " + scan.stopped() + ": packages in the rest are missing");
    return new Findings(Purls.applications(image, path, scan.found()), gaps);
  }

}
