package dev.bulwark.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden Dockerfiles under src/test/resources/golden, one directory each. */
public final class Fixtures {
  public static final Path GOLDEN = Path.of("src/test/resources/golden");

  private Fixtures() {}

  public static List<Path> dirs() {
    try (Stream<Path> s = Files.list(GOLDEN)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] dockerfile(Path dir) {
    try {
      return Files.readAllBytes(dir.resolve("Dockerfile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
