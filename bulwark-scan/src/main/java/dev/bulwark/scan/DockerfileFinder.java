package dev.bulwark.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.bulwark.dockerfile.syntax.DockerfileNames;

/**
 * Turns command-line paths into the files to scan. A file named on the command line is
 * scanned whatever its name; directories are searched for Dockerfile-named files and YAML files
 * (which are scanned when their content is a Kubernetes manifest), without
 * following symlinks and skipping {@code .git}. A directory that cannot be read is not skipped in
 * silence: it is returned, with why, for the report to say what was not scanned.
 */
public final class DockerfileFinder {
  private final ExcludeMatcher excludes;

  DockerfileFinder(ExcludeMatcher excludes) {
    this.excludes = excludes;
  }

  /** Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile, Containerfile.* (any case), but not Dockerfile.go or a template: see {@link DockerfileNames}. */
  public static boolean isDockerfileName(String name) {
    return DockerfileNames.isDockerfileName(name);
  }

  /** {@code *.yaml}, {@code *.yml} (any case): files that may be Kubernetes manifests, which their content decides. */
  static boolean isYamlName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** A directory (or entry) the search could not read, and why. */
  record Unreadable(Path path, String reason) {}

  /**
   * The Dockerfiles found, in order, and what could not be searched; {@code roots} holds, for each
   * file, the directory given on the command line it was found under (its parent when the file was given).
   */
  record Found(List<Path> files, List<Path> roots, List<Unreadable> unreadable) {}

  Found find(List<Path> roots) throws IOException {
    Map<Path, Path> out = new LinkedHashMap<>();
    List<Unreadable> unreadable = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new NoSuchFileException(root.toString(), null, "no such file or directory");
      }
      if (!Files.isDirectory(root)) {
        Path parent = root.getParent();
        out.putIfAbsent(root, parent == null ? Path.of("") : parent);
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
          if (attrs.isRegularFile() && (isDockerfileName(file.getFileName().toString()) || isYamlName(file.getFileName().toString())) && !excludes.excludes(relative(root, file), false)) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // not fatal (the rest is still scanned), but said: a Dockerfile may be in there
          if (!excludes.excludes(relative(root, file), Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
            unreadable.add(new Unreadable(file, InputFiles.describe(e)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
      found.sort(null);
      for (Path f : found) {
        out.putIfAbsent(f, root);
      }
    }
    return new Found(List.copyOf(out.keySet()), List.copyOf(out.values()), List.copyOf(unreadable));
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
