package dev.bulwark.image.analyzer;

import dev.bulwark.sbom.Package;
import java.util.List;

/** Reads the packages one application file declares; only the merged tree's copy of the files it wants is kept. */
public non-sealed interface FileAnalyzer extends PackageAnalyzer {

  /** Whether the layer reader keeps this file; asked for every file of every layer. */
  boolean wants(String path);

  /** The packages {@code content}, the file at {@code path}, declares; empty when it does not parse. */
  List<Package> analyze(AnalysisContext image, String path, byte[] content);
}
