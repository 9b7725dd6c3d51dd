package dev.bulwark.image.fs;

/**
 * A file of the merged image filesystem: its path (relative to the root, no leading slash), type,
 * permission bits (including setuid/setgid/sticky), owner, size, link target, and the index of
 * the layer that last wrote it.
 */
public record FileEntry(String path, Type type, int mode, long uid, long gid, long size, String linkTarget, int layer) {

  /** The kinds of tar entries an image layer can hold. */
  public enum Type {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO
  }

  public boolean isSetuid() {
    return (mode & 04000) != 0;
  }

  public boolean isSetgid() {
    return (mode & 02000) != 0;
  }

  /** Writable by everyone, without the sticky bit that makes /tmp-style directories safe. */
  public boolean isWorldWritable() {
    return (mode & 0002) != 0 && type != Type.SYMLINK && !(type == Type.DIRECTORY && (mode & 01000) != 0);
  }

  public boolean isExecutable() {
    return type == Type.FILE && (mode & 0111) != 0;
  }
}
