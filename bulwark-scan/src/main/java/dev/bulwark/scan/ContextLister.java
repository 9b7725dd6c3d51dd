package dev.bulwark.scan;

import dev.bulwark.lint.ComposeService;
import dev.bulwark.lint.KubernetesWorkload;
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
 * Lists a Dockerfile's build context (the directory {@link #root} works out: a Compose file's
 * context, the one its COPY sources resolve from, else its own directory) and reads the ignore file
 * that applies: {@code <Dockerfile>.dockerignore} beside the Dockerfile, else the
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
   * One context per directory, ignore file (a directory has one for its plain .dockerignore and one
   * per {@code X.dockerignore}) and assumption said about it: every Dockerfile of a directory shares it, and with it what rules derive
   * from it (a directory of 3,000 Dockerfiles is listed, filtered and judged once, not 3,000 times).
   */
  private final Map<String, BuildContext> contexts = new ConcurrentHashMap<>();
  /** The Compose files seen so far and the builds they name. */
  private final ComposeContexts compose = new ComposeContexts();
  /** The skaffold files seen so far, their artifacts and the manifests that deploy them. */
  private final SkaffoldWorkloads skaffold = new SkaffoldWorkloads();

  /** The context of a Dockerfile scanned on its own: its directory. */
  BuildContext forDockerfile(Path dockerfile) throws IOException {
    return forDockerfile(dockerfile, List.of(), null);
  }

  /**
   * The context of {@code dockerfile}, whose COPY/ADD name {@code sources} (see {@link #root}), in
   * the project under {@code projectRoot} (null: none known, the Dockerfile's directory is the context).
   */
  BuildContext forDockerfile(Path dockerfile, List<String> sources, Path projectRoot) throws IOException {
    Path file = dockerfile.toAbsolutePath().normalize();
    Root root = root(file, sources, projectRoot);
    Path specific = file.resolveSibling(file.getFileName() + ".dockerignore");
    Path ignoreFile = Files.exists(specific) ? specific : root.dir().resolve(".dockerignore");
    String assumed = root.describe(file.getParent());
    String elsewhere = root.ignoreElsewhere() == null || Files.exists(ignoreFile) ? null : show(file.getParent(), root.ignoreElsewhere());
    String key = root.dir() + "\n" + ignoreFile + "\n" + assumed + "\n" + elsewhere;
    BuildContext known = contexts.get(key);
    if (known != null) {
      return known;
    }
    // read and listed outside the map (an error is thrown to each Dockerfile that asks, not cached);
    // two threads racing on one context build equal ones and keep the first
    DockerIgnore ignore = Files.exists(ignoreFile)
        ? DockerIgnore.parse(InputFiles.readText(ignoreFile, InputFiles.MAX_IGNORE_BYTES, "not an ignore file")) : null;
    Listing listing = cache.computeIfAbsent(root.dir(), ContextLister::listQuietly);
    for (Unreadable u : listing.unreadable()) {
      if (ignore == null || !ignore.excludes(u.path())) {
        throw new IOException(u.path() + ": " + InputFiles.describe(u.cause()));
      }
    }
    List<String> entries = listing.entries();
    BuildContext context = new BuildContext(ignore == null ? null : ignoreFile.toString(), ignore, entries, entries.size() >= MAX_ENTRIES,
        assumed, elsewhere);
    BuildContext first = contexts.putIfAbsent(key, context);
    return first != null ? first : context;
  }

  /**
   * The directory taken as a build context, why, and (when nothing pinned it there) the nearest
   * ancestor's .dockerignore, which applies instead if the build runs from that ancestor.
   */
  record Root(Path dir, String why, Path ignoreElsewhere) {
    String describe(Path dockerfileDir) {
      return (dir.equals(dockerfileDir) ? "the Dockerfile's directory" : show(dockerfileDir, dir)) + ", " + why;
    }
  }

  /**
   * Where the build of {@code file} most likely runs from, as far as the scan can tell: the context
   * a Compose file of the project gives it; else the nearest directory, from the Dockerfile's own up
   * to {@code projectRoot}, that holds every path its COPY/ADD name (a Dockerfile in {@code docker/}
   * that copies {@code src/app} is built from the folder that has {@code src/}); else its own
   * directory, as {@code docker build -f X .} run beside it.
   */
  Root root(Path file, List<String> sources, Path projectRoot) {
    Path dir = file.getParent();
    Path project = project(dir, projectRoot);
    ComposeContexts.Given given = compose.of(file, project);
    if (given != null && Files.isDirectory(given.context())) {
      return new Root(given.context(), "as " + show(dir, given.composeFile()) + " gives it", null);
    }
    List<String> known = sources.stream().filter(ContextLister::checkable).toList();
    if (!known.isEmpty()) {
      for (Path d = dir; d != null && d.startsWith(project); d = d.getParent()) {
        if (allExist(d, known)) {
          return new Root(d, "where its COPY sources are", null);
        }
      }
      return new Root(dir, "assumed (its COPY sources were not found in it or above)", null);
    }
    for (Path d = dir.getParent(); d != null && d.startsWith(project); d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(".dockerignore"))) {
        return new Root(dir, "assumed", d.resolve(".dockerignore"));
      }
    }
    return new Root(dir, "assumed", null);
  }

  /** The project root the Compose files are looked for under: the Dockerfile's own directory when it is outside the root. */
  private static Path project(Path dir, Path projectRoot) {
    Path project = projectRoot == null ? dir : projectRoot.toAbsolutePath().normalize();
    return dir.startsWith(project) ? project : dir;
  }

  /**
   * What the Compose service that builds {@code dockerfile} sets (the nearest Compose file of the
   * project that does, as for its context), its file shown relative to the Dockerfile's directory;
   * {@link ComposeService#NONE} when there is none.
   */
  public ComposeService composeService(Path dockerfile, Path projectRoot) {
    Path file = dockerfile.toAbsolutePath().normalize();
    ComposeContexts.Given given = compose.of(file, project(file.getParent(), projectRoot));
    return given == null ? ComposeService.NONE : given.service().withFile(show(file.getParent(), given.composeFile()));
  }

  /**
   * The Kubernetes workload that runs the image built from {@code dockerfile}, as a skaffold file
   * of the project says, its manifest shown relative to the Dockerfile's directory; {@link KubernetesWorkload#NONE} when none does.
   */
  public KubernetesWorkload kubernetesWorkload(Path dockerfile, Path projectRoot) {
    Path file = dockerfile.toAbsolutePath().normalize();
    KubernetesWorkload w = skaffold.of(file, project(file.getParent(), projectRoot));
    return w == KubernetesWorkload.NONE ? w : w.withFile(show(file.getParent(), Path.of(w.file())));
  }

  /** A source whose presence can be checked: no '..' and glob characters (if any) only in its last segment. */
  private static boolean checkable(String source) {
    int slash = source.lastIndexOf('/', source.endsWith("/") ? source.length() - 2 : source.length() - 1);
    String head = slash < 0 ? "" : source.substring(0, slash);
    return !source.contains("..") && !source.contains("\\") && head.chars().noneMatch(c -> c == '*' || c == '?' || c == '[');
  }

  private static boolean allExist(Path dir, List<String> sources) {
    for (String s : sources) {
      String path = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      int slash = path.lastIndexOf('/');
      String name = path.substring(slash + 1);
      try {
        if (name.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
          if (!Files.exists(dir.resolve(path))) {
            return false;
          }
        } else if (!anyMatches(slash < 0 ? dir : dir.resolve(path.substring(0, slash)), name)) {
          return false;
        }
      } catch (java.nio.file.InvalidPathException e) {
        return false;
      }
    }
    return true;
  }

  /** Whether a name in {@code dir} matches {@code glob} (Docker's pattern syntax, as in .dockerignore). */
  private static boolean anyMatches(Path dir, String glob) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    DockerIgnore pattern = DockerIgnore.parse(glob);
    try (java.util.stream.Stream<Path> names = Files.list(dir)) {
      return names.limit(MAX_ENTRIES).anyMatch(p -> pattern.excludes(p.getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code p} relative to {@code from}, '/'-separated, for messages. */
  static String show(Path from, Path p) {
    String rel = from.relativize(p).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
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
