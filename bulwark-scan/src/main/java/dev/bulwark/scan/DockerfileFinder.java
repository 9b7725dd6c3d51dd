package dev.bulwark.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns command-line paths into the Dockerfiles to scan. A file named on the command line is
 * scanned whatever its name; directories are searched for Dockerfile-named files, without
 * following symlinks and skipping {@code .git}.
 */
public final class DockerfileFinder {
  private final ExcludeMatcher excludes;

  DockerfileFinder(ExcludeMatcher excludes) {
    this.excludes = excludes;
  }

  /** Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile, Containerfile.* (any case). */
  static boolean isDockerfileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("dockerfile") || n.startsWith("dockerfile.") || n.endsWith(".dockerfile") || n.equals("containerfile")
        || n.startsWith("containerfile.");
  }

  List<Path> find(List<Path> roots) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new NoSuchFileException(root.toString(), null, "no such file or directory");
      }
      if (!Files.isDirectory(root)) {
        out.add(root);
        continue;
      }
      List<Path> found = new ArrayList<>();
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(root) && (dir.getFileName().toString().equals(".git") || excludes.excludes(relative(root, dir), true))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && isDockerfileName(file.getFileName().toString()) && !excludes.excludes(relative(root, file), false)) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // unreadable entries are skipped, not fatal
        }
      });
      found.sort(null);
      out.addAll(found);
    }
    return List.copyOf(out);
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
