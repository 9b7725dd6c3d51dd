package dev.bulwark.image.analyzer;

/** Reads an OS package database; every layer's copy of the files it wants is kept. */
public non-sealed interface DatabaseAnalyzer extends PackageAnalyzer {

  /** Whether the layer reader keeps this file; asked for every file of every layer. */
  boolean wants(String path);

  /** The packages (and the gaps: databases found but not read) of the analyzed image. */
  Findings analyze(AnalysisContext image);
}
