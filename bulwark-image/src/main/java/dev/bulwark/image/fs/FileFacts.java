package dev.bulwark.image.fs;

/**
 * What a {@link ByteWatcher} learnt of one file besides its packages (a Go binary's symbol table), kept by path with
 * the same rules as the packages: a later layer's file at the path, a whiteout or a link replaces it.
 */
public interface FileFacts {
  /** What it holds on the heap, in entries of about eight bytes, charged against the image's bound. */
  int cost();
}
