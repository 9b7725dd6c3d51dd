package dev.bulwark.image.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import dev.bulwark.image.io.TarReader;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Named files of an image archive: a directory (OCI layout, unpacked docker save) or a tar of
 * one, read in place. Names are relative with '/'; a name that leaves the archive is refused.
 */
public abstract sealed class BlobStore implements Closeable permits BlobStore.Directory, BlobStore.Tar {

  public abstract boolean exists(String name);

  public abstract InputStream open(String name) throws IOException, ImageException;

  /** Opens {@code path}: a directory, or a tar file. */
  public static BlobStore open(Path path) throws IOException, ImageException {
    if (Files.isDirectory(path)) {
      return new Directory(path.toRealPath());
    }
    if (!Files.isRegularFile(path)) {
      // the caller names the path; a FIFO or device is never opened (the open of a FIFO blocks)
      throw new ImageException(Files.exists(path) ? "not a regular file or directory (a FIFO, a device or a socket)" : "no such file or directory");
    }
    try {
      checkArchive(path);
      return new Tar(new TarFile(path.toFile()));
    } catch (IOException e) {
      throw new ImageException("not a tar archive or image layout (" + e.getMessage() + ")");
    }
  }

  /** An image archive holds a few files per layer: more than this many members is no image. */
  static final int MAX_MEMBERS = 100_000;

  /**
   * One pass over the member headers, seeking past their data, before the random-access reader
   * lists them: that reader takes a header cut mid-block for the archive's end, and would hold
   * millions of members in memory. Both are refused here, as is data running past the file's end
   * and one end-of-archive block followed by another header (Go's archive/tar, Docker's reader, refuses it).
   */
  private static void checkArchive(Path path) throws IOException, ImageException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
      long size = ch.size();
      byte[] header = new byte[512];
      long pos = 0;
      for (int members = 0; pos < size; members++) {
        if (size - pos < 512) {
          throw new IOException("the archive ends inside a tar header (truncated after " + size + " bytes)");
        }
        readFully(ch, header, pos);
        if (isZero(header)) {
          if (size - pos >= 1024) {
            readFully(ch, header, pos + 512);
            if (!isZero(header)) {
              throw new IOException("an end-of-archive block is followed by another header at byte " + (pos + 512));
            }
          }
          return;
        }
        if (members >= MAX_MEMBERS) {
          throw new HostileImageException("more than " + MAX_MEMBERS + " files in the archive: no image archive has that many");
        }
        long length = TarReader.size(header);
        if (length < 0) {
          throw new IOException("a tar header with a malformed size at byte " + pos);
        }
        pos += 512 + (length + 511) / 512 * 512;
        if (pos > size) {
          throw new IOException("member data runs past the end of the file (truncated)");
        }
      }
    }
  }

  private static void readFully(java.nio.channels.FileChannel ch, byte[] into, long at) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(into);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code a/./b/../c} to {@code a/c}; null when it climbs out of the root. */
  public static String normalize(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    StringBuilder out = new StringBuilder();
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String seg : n.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    for (String p : parts) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(p);
    }
    return out.toString();
  }

  /** A directory on disk; symlinks may not lead outside it. */
  static final class Directory extends BlobStore {
    private final Path root;

    Directory(Path root) {
      this.root = root;
    }

    private Path resolve(String name) throws ImageException, IOException {
      String n = normalize(name);
      if (n == null || n.isEmpty()) {
        throw new HostileImageException("archive path '" + name + "' leaves the image directory");
      }
      Path p = root.resolve(n);
      if (Files.exists(p) && !p.toRealPath().startsWith(root)) {
        throw new HostileImageException("archive path '" + name + "' is a link out of the image directory");
      }
      return p;
    }

    @Override
    public boolean exists(String name) {
      try {
        return Files.isRegularFile(resolve(name));
      } catch (ImageException | IOException e) {
        return false;
      }
    }

    @Override
    public InputStream open(String name) throws IOException, ImageException {
      Path p = resolve(name);
      if (!Files.isRegularFile(p)) {
        throw new ImageException("the image names '" + name + "', which is not in it");
      }
      return Files.newInputStream(p);
    }

    @Override
    public void close() {}
  }

  /** A tar file, read with random access; links inside the tar are followed inside it only. */
  static final class Tar extends BlobStore {
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    Tar(TarFile tar) {
      this.tar = tar;
      for (TarArchiveEntry e : tar.getEntries()) {
        String n = normalize(e.getName());
        if (n != null && !n.isEmpty()) {
          entries.put(n, e);
        }
      }
    }

    private TarArchiveEntry find(String name) throws ImageException {
      String n = normalize(name);
      if (n == null) {
        throw new HostileImageException("archive path '" + name + "' leaves the archive");
      }
      for (int hops = 0; hops < 8; hops++) {
        TarArchiveEntry e = entries.get(n);
        if (e == null || !(e.isSymbolicLink() || e.isLink())) {
          return e;
        }
        String target = e.getLinkName();
        String next = e.isLink() || target.startsWith("/") ? normalize(target)
            : normalize((n.contains("/") ? n.substring(0, n.lastIndexOf('/') + 1) : "") + target);
        if (next == null) {
          throw new HostileImageException("archive entry '" + n + "' links out of the archive");
        }
        n = next;
      }
      throw new HostileImageException("archive entry '" + name + "': too many links");
    }

    @Override
    public boolean exists(String name) {
      try {
        TarArchiveEntry e = find(name);
        return e != null && e.isFile();
      } catch (ImageException e) {
        return false;
      }
    }

    @Override
    public InputStream open(String name) throws IOException, ImageException {
      TarArchiveEntry e = find(name);
      if (e == null || !e.isFile()) {
        throw new ImageException("the image names '" + name + "', which is not in the archive");
      }
      return tar.getInputStream(e);
    }

    @Override
    public void close() throws IOException {
      tar.close();
    }
  }
}
