package dev.bulwark.image.fs;

import java.util.List;

/**
 * What the layer reader does with each file as it streams past: keep its content, or let
 * watchers see its bytes on the way. Built once per read from the registered analyzers; both
 * questions are asked for every file of every layer, so answers must be cheap.
 */
public interface FileInterest {

  /** Whether a file's content is kept: not, only the copy in the merged tree, or every layer's copy too. */
  enum Keep {
    NONE, LAST, EVERY_VERSION
  }

  Keep keep(String path);

  /** Watchers for the bytes of a regular file whose content is not kept; empty for most files. */
  List<ByteWatcher> watch(FileEntry file);
}
