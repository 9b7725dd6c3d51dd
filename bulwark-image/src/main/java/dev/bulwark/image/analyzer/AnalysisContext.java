package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.FileTree;
import dev.bulwark.image.fs.LayerReader.FileVersion;
import dev.bulwark.image.pkg.JavaArchives;
import dev.bulwark.image.pkg.OsInfo;
import java.util.List;
import java.util.Map;

/**
 * What the analyzers of an image see once its layers were read: the merged tree with the kept
 * contents, every layer's copy of the files kept with history, and the OS (null when unknown).
 */
public record AnalysisContext(FileTree files, Map<String, List<FileVersion>> history, OsInfo os, JavaArchives.ImageBudget archiveBudget) {

  /** A context for one analysis run: the archive budget is the image's, spent as its archives are read. */
  public AnalysisContext(FileTree files, Map<String, List<FileVersion>> history, OsInfo os) {
    this(files, history, os, new JavaArchives.ImageBudget());
  }

  /** The layer that last wrote {@code path}, or -1. */
  public int layerOf(String path) {
    return files.get(path).map(FileEntry::layer).orElse(-1);
  }
}
