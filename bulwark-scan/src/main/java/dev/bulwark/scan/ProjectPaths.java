package dev.bulwark.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Dockerfile's path inside its project, which purpose inference reads ({@code tests/…},
 * {@code .devcontainer/…}): relative to the git work tree it is in, else to the folder the user
 * scanned. Never the folders above those: a checkout under {@code /home/me/test/} holds no fixtures
 * for that. The nearest {@code .git} is looked up once per directory.
 */
final class ProjectPaths {
  private final Map<Path, Optional<Path>> gitRootByDir = new ConcurrentHashMap<>();

  String of(Path file, Path scanRoot) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = root(abs, scanRoot);
    return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.getFileName().toString();
  }

  /** The project {@code file} is in: its git work tree, else the folder the user scanned. */
  Path root(Path file, Path scanRoot) {
    Path git = gitRoot(file.toAbsolutePath().normalize().getParent());
    return git != null ? git : scanRoot.toAbsolutePath().normalize();
  }

  private Path gitRoot(Path dir) {
    if (dir == null) {
      return null;
    }
    Optional<Path> known = gitRootByDir.get(dir);
    if (known != null) {
      return known.orElse(null);
    }
    Path found = Files.exists(dir.resolve(".git")) ? dir : gitRoot(dir.getParent());
    gitRootByDir.put(dir, Optional.ofNullable(found));
    return found;
  }
}
