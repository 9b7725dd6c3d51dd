package dev.bulwark.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading input files (Dockerfiles, configs, baselines, ignore files): regular files only, each
 * within a size bound, and I/O failures turned into one clear line.
 */
public final class InputFiles {
  /** Real Dockerfiles are kilobytes; anything past this is refused rather than read into memory. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;
  /** A {@code .dockerignore} is a list of patterns: kilobytes, where every pattern costs time per context entry. */
  public static final long MAX_IGNORE_BYTES = 1024L * 1024;

  private InputFiles() {}

  /** A path that names a FIFO, a device, a socket or a directory where a file's content was wanted. */
  public static final class NotRegularFileException extends FileSystemException {
    NotRegularFileException(Path file, String kind) {
      super(file.toString(), null, "not a regular file (" + kind + ")");
    }
  }

  /** {@link #read}, its failure in words that name the file ({@code x: no such file}): for a command's one input. */
  public static byte[] readNamed(Path file) throws IOException {
    try {
      return read(file);
    } catch (IOException e) {
      throw new IOException(file + ": " + describe(e), e);
    }
  }

  public static byte[] read(Path file) throws IOException {
    return read(file, MAX_BYTES, "not a Dockerfile");
  }

  /**
   * At most {@code maxBytes} of {@code file}; {@code what} ends the error past it. Anything but a
   * regular file (after following symlinks) is refused before it is opened: opening a FIFO blocks,
   * and a device such as {@code /dev/zero} never ends.
   */
  static byte[] read(Path file, long maxBytes, String what) throws IOException {
    requireRegularFile(file);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) maxBytes + 1);
    }
    if (bytes.length > maxBytes) {
      throw new IOException("file is larger than " + size(maxBytes) + "; " + what);
    }
    return bytes;
  }

  /** {@link #read} decoded as UTF-8 leniently (malformed bytes become U+FFFD), as Go reads bytes and never fails on them. */
  static String readText(Path file, long maxBytes, String what) throws IOException {
    return new String(read(file, maxBytes, what), StandardCharsets.UTF_8);
  }

  /** Refuses anything but a regular file (after symlinks) without opening it: a FIFO would block the open. */
  public static void requireRegularFile(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class); // stat only: never opens
    if (!attrs.isRegularFile()) {
      throw new NotRegularFileException(file, attrs.isDirectory() ? "a directory" : otherKind(file));
    }
  }

  /** What the file type bits of a non-regular, non-directory file say it is. */
  private static String otherKind(Path file) {
    try {
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  private static String size(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes % 1_000_000 == 0 ? bytes / 1_000_000 + " MB" : bytes + " bytes";
  }

  /** The JDK's file-system exceptions whose reason is their type (their message is only the file name). */
  private static final java.util.Map<Class<?>, String> REASONS = java.util.Map.of(
      NoSuchFileException.class, "no such file or directory",
      AccessDeniedException.class, "permission denied",
      java.nio.file.NotDirectoryException.class, "not a directory",
      java.nio.file.FileAlreadyExistsException.class, "already exists",
      java.nio.file.DirectoryNotEmptyException.class, "directory not empty");

  /** Why an I/O operation failed, in words, without the file name (callers put it first). */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String known = REASONS.get(f.getClass());
      if (known != null) {
        return known;
      }
      String r = f.getReason();
      // the OS's words ("Read-only file system", "Is a directory"), lower-cased as the rest of the line
      return r == null || r.isBlank() ? "cannot access" : r.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + r.substring(1);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

}
