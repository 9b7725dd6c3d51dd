package dev.bulwark.image.fs;

import dev.bulwark.sbom.Package;
import java.util.List;

/** Sees one file's bytes, in order, as the layer reader streams them past; reports packages at the end. */
public interface ByteWatcher {

  /** Takes the next bytes; false once it needs no more of this file. */
  boolean accept(byte[] b, int off, int len);

  /** The packages it found, once the file went by or it stopped asking. */
  List<Package> finish();

  /** What else it learnt of the file, asked once after {@link #finish()}; null when nothing. */
  default FileFacts facts() {
    return null;
  }
}
