package dev.bulwark.scan;

import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import java.io.IOException;
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
 * context's {@code .dockerignore} (a regular file of at most {@link InputFiles#MAX_IGNORE_BYTES},
 * decoded leniently). Bounded: big dependency directories are listed but not entered, symlinks
 * are not followed, and the listing stops at {@link #MAX_ENTRIES}. A directory that cannot be
 * read fails the listing unless the ignore file excludes it, as it fails Docker's build.
 */
public final class ContextLister {
  static final int MAX_ENTRIES = 20_000;
  private static final Set<String> NOT_ENTERED = Set.of(".git", "node_modules", ".venv", "venv", "target", "__pycache__", ".gradle", ".m2");

  /** The entries of a context directory, and the ones that could not be read (relative, with why). */
  record Listing(List<String> entries, List<Unreadable> unreadable) {}

  record Unreadable(String path, IOException cause) {}

  private final Map<Path, Listing> cache = new ConcurrentHashMap<>();
  /**
   * One context per ignore file (a directory has one for its plain .dockerignore and one per
   * {@code X.dockerignore}): every Dockerfile of a directory shares it, and with it what rules derive
   * from it (a directory of 3,000 Dockerfiles is listed, filtered and judged once, not 3,000 times).
   */
  private final Map<Path, BuildContext> contexts = new ConcurrentHashMap<>();

  BuildContext forDockerfile(Path dockerfile) throws IOException {
    Path dir = dockerfile.toAbsolutePath().normalize().getParent();
    Path specific = dir.resolve(dockerfile.getFileName() + ".dockerignore");
    Path ignoreFile = Files.exists(specific) ? specific : dir.resolve(".dockerignore");
    BuildContext known = contexts.get(ignoreFile);
    if (known != null) {
      return known;
    }
    // read and listed outside the map (an error is thrown to each Dockerfile that asks, not cached);
    // two threads racing on one context build equal ones and keep the first
    DockerIgnore ignore = Files.exists(ignoreFile)
        ? DockerIgnore.parse(InputFiles.readText(ignoreFile, InputFiles.MAX_IGNORE_BYTES, "not an ignore file")) : null;
    Listing listing = cache.computeIfAbsent(dir, ContextLister::listQuietly);
    for (Unreadable u : listing.unreadable()) {
      if (ignore == null || !ignore.excludes(u.path())) {
        throw new IOException(u.path() + ": " + InputFiles.describe(u.cause()));
      }
    }
    List<String> entries = listing.entries();
    BuildContext context = new BuildContext(ignore == null ? null : ignoreFile.toString(), ignore, entries, entries.size() >= MAX_ENTRIES);
    BuildContext first = contexts.putIfAbsent(ignoreFile, context);
    return first != null ? first : context;
  }

  private static Listing listQuietly(Path root) {
    try {
      return list(root);
    } catch (IOException e) {
      return new Listing(List.of(), List.of(new Unreadable(".", e)));
    }
  }

  static Listing list(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
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
        unreadable.add(new Unreadable(f.equals(root) ? "." : rel(root, f), e));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) {
        if (e != null) {
          unreadable.add(new Unreadable(rel(root, d), e)); // listed, but its entries could not all be read
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return new Listing(List.copyOf(out), List.copyOf(unreadable));
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
