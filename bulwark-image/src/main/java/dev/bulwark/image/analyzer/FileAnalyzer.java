package dev.bulwark.image.analyzer;

/** Reads the packages one application file declares; only the merged tree's copy of the files it wants is kept. */
public non-sealed interface FileAnalyzer extends PackageAnalyzer {

  /** Whether the layer reader keeps this file; asked for every file of every layer. */
  boolean wants(String path);

  /**
   * The packages {@code content}, the file at {@code path}, declares (none when it does not
   * parse), and gaps when a bound stopped the reading short (an archive nested too deep or too large).
   */
  Findings analyze(AnalysisContext image, String path, byte[] content);
}
