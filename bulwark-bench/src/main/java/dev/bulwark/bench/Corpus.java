package dev.bulwark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Dockerfiles a benchmark runs over: every file named Dockerfile under a directory. */
record Corpus(List<byte[]> files, long bytes) {

  static Corpus load(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<byte[]> files = s.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().map(Corpus::read).toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no Dockerfiles under " + dir);
      }
      return new Corpus(files, files.stream().mapToLong(b -> b.length).sum());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
