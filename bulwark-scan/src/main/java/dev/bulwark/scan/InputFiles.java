package dev.bulwark.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading input files with a size bound, and turning I/O failures into one clear line. */
public final class InputFiles {
  /** Real Dockerfiles are kilobytes; anything past this is refused rather than read into memory. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private InputFiles() {}

  public static byte[] read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException("file is larger than " + (MAX_BYTES >> 20) + " MiB; not a Dockerfile");
    }
    return bytes;
  }

  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
