package dev.bulwark.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The build contexts the Compose files of a project give their Dockerfiles: each service's
 * {@code build} ({@code build: dir}, or {@code context} and {@code dockerfile}, the Dockerfile
 * relative to the context and {@code Dockerfile} by default). A Compose file may name a Dockerfile
 * in another folder ({@code context: ..}, {@code dockerfile: docker/Dockerfile}; a devcontainer's
 * {@code .devcontainer/docker-compose.yml}), so the whole project is searched once, bounded.
 * Values with variables, and files that are not YAML maps, are skipped: this is a hint, never an error.
 */
final class ComposeContexts {
  /** Where a Compose file puts a Dockerfile's context, and which Compose file says so. */
  record Given(Path context, Path composeFile) {}

  /** One service's build: its context and its Dockerfile (absolute, normalized). */
  record Build(Path context, Path dockerfile) {}

  private static final Pattern NAME = Pattern.compile("(docker-)?compose(\\.[\\w.-]+)?\\.ya?ml");
  private static final Set<String> NOT_ENTERED = Set.of(".git", "node_modules", ".venv", "venv", "target", "__pycache__", ".gradle", ".m2");
  private static final int MAX_VISITED = 200_000;
  private static final int MAX_FILES = 500;
  private static final long MAX_BYTES = 1024L * 1024;

  private ComposeContexts() {}

  /** Dockerfile (absolute, normalized) to the context the first Compose file (in path order) gives it. */
  static Map<Path, Given> of(Path projectRoot) {
    Map<Path, Given> out = new HashMap<>();
    for (Path compose : find(projectRoot)) {
      for (Build b : read(compose)) {
        out.putIfAbsent(b.dockerfile(), new Given(b.context(), compose));
      }
    }
    return out;
  }

  private static List<Path> find(Path root) {
    TreeMap<String, Path> found = new TreeMap<>();
    int[] visited = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (++visited[0] > MAX_VISITED) {
            return FileVisitResult.TERMINATE;
          }
          return !d.equals(root) && NOT_ENTERED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (++visited[0] > MAX_VISITED || found.size() >= MAX_FILES) {
            return FileVisitResult.TERMINATE;
          }
          if (attrs.isRegularFile() && NAME.matcher(f.getFileName().toString()).matches()) {
            found.put(f.toString(), f);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE; // a hint only: what cannot be read gives none
        }
      });
    } catch (IOException e) {
      // as above
    }
    return new ArrayList<>(found.values());
  }

  /** The services' builds of one Compose file, as (context, Dockerfile) pairs. */
  static List<Build> read(Path compose) {
    Object doc;
    try {
      String text = InputFiles.readText(compose, MAX_BYTES, "not a Compose file");
      doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(50).setAllowRecursiveKeys(false)
          .setCodePointLimit((int) MAX_BYTES).build()).loadFromString(text);
    } catch (IOException | RuntimeException e) {
      return List.of(); // not YAML, too big, unreadable: no hint
    }
    if (!(doc instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
      return List.of();
    }
    Path dir = compose.toAbsolutePath().normalize().getParent();
    List<Build> out = new ArrayList<>();
    for (Object service : services.values()) {
      if (!(service instanceof Map<?, ?> s)) {
        continue;
      }
      Object build = s.get("build");
      String context = build instanceof String str ? str : build instanceof Map<?, ?> b && b.get("context") instanceof String c ? c : null;
      String dockerfile = build instanceof Map<?, ?> b && b.get("dockerfile") instanceof String d ? d : "Dockerfile";
      if (build instanceof Map<?, ?> && context == null) {
        context = "."; // context defaults to the Compose file's directory
      }
      if (context == null || context.contains("$") || dockerfile.contains("$") || context.contains("://")) {
        continue;
      }
      try {
        Path ctx = dir.resolve(context).normalize();
        out.add(new Build(ctx, ctx.resolve(dockerfile).normalize()));
      } catch (java.nio.file.InvalidPathException e) {
        // not a path on this system: no hint
      }
    }
    return out;
  }
}
