package dev.bulwark.image.analyzer;

import dev.bulwark.sbom.Ecosystem;

/**
 * Finds the packages of one ecosystem in an image, as Trivy's fanal analyzers do: each says which
 * ecosystem it reports, its version (bumped when its results change, so cached results can be
 * told apart), which files it wants and how it analyzes them. The three kinds differ in what they
 * want and when they run:
 *
 * <ul>
 *   <li>{@link DatabaseAnalyzer}: OS package databases, every layer's copy kept (to tell which
 *       layer introduced each package); run one after the other, in registry order.
 *   <li>{@link FileAnalyzer}: application files (manifests, lock files, archives), the merged
 *       tree's copy kept; run file by file in path order, each file by the first analyzer that
 *       wants it.
 *   <li>{@link StreamAnalyzer}: files too large to keep (executables), watched as their bytes
 *       stream past the layer reader once.
 * </ul>
 *
 * All are registered in {@link Analyzers#all()}; the layer reader knows none of them by name.
 */
public sealed interface PackageAnalyzer permits DatabaseAnalyzer, FileAnalyzer, StreamAnalyzer {

  /** Which analyzer this is: name, ecosystem and version. */
  AnalyzerId id();

  /** A short name for messages and tests: {@code dpkg}, {@code go-binary}. */
  default String name() {
    return id().name();
  }

  default Ecosystem ecosystem() {
    return id().ecosystem();
  }

  default int version() {
    return id().version();
  }

  /** A short name ({@code dpkg}, {@code go-binary}), the ecosystem reported, and a version bumped when results change. */
  record AnalyzerId(String name, Ecosystem ecosystem, int version) {}
}
