package dev.bulwark.scan;

import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists a Dockerfile's build context (its directory, as `docker build -f X dir` would use it)
 * and reads the ignore file that applies: {@code <Dockerfile>.dockerignore} beside it, else the
 * context's {@code .dockerignore}. Bounded: big dependency directories are listed but not
 * entered, symlinks are not followed, and the listing stops at {@link #MAX_ENTRIES}.
 */
public final class ContextLister {
  static final int MAX_ENTRIES = 20_000;
  private static final Set<String> NOT_ENTERED = Set.of(".git", "node_modules", ".venv", "venv", "target", "__pycache__", ".gradle", ".m2");

  private final Map<Path, BuildContext> cache = new ConcurrentHashMap<>();

  BuildContext forDockerfile(Path dockerfile) throws IOException {
    Path dir = dockerfile.toAbsolutePath().normalize().getParent();
    Path specific = dir.resolve(dockerfile.getFileName() + ".dockerignore");
    Path ignoreFile = Files.isRegularFile(specific) ? specific : dir.resolve(".dockerignore");
    DockerIgnore ignore = Files.isRegularFile(ignoreFile) ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8)) : null;
    List<String> entries = cache.containsKey(dir) ? cache.get(dir).entries() : list(dir);
    BuildContext ctx = new BuildContext(ignore == null ? null : ignoreFile.toString(), ignore, entries, entries.size() >= MAX_ENTRIES);
    cache.putIfAbsent(dir, ctx);
    return ctx;
  }

  static List<String> list(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        if (d.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        if (out.size() >= MAX_ENTRIES) {
          return FileVisitResult.TERMINATE;
        }
        out.add(rel(root, d) + "/");
        return NOT_ENTERED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (out.size() >= MAX_ENTRIES) {
          return FileVisitResult.TERMINATE;
        }
        out.add(rel(root, f));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    return List.copyOf(out);
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
