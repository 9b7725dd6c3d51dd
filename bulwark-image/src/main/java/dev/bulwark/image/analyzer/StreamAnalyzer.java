package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.ByteWatcher;
import dev.bulwark.image.fs.FileEntry;

/**
 * Finds packages in files that are not kept, executables mostly, while their bytes stream past
 * the layer reader. What it finds counts only for files still in the merged tree.
 */
public non-sealed interface StreamAnalyzer extends PackageAnalyzer {

  /** Whether to watch this regular file; asked for every one that is not kept, so it must be cheap. */
  boolean wants(FileEntry file);

  /** A watcher for one file's bytes; its packages are found in {@code file}. */
  ByteWatcher watch(FileEntry file);
}
