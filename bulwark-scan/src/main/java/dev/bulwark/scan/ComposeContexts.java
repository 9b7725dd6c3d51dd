package dev.bulwark.scan;

import dev.bulwark.lint.ComposeService;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The build contexts the Compose files of a project give their Dockerfiles: each service's
 * {@code build} ({@code build: dir}, or {@code context} and {@code dockerfile}, the Dockerfile
 * relative to the context and {@code Dockerfile} by default). A Compose file may name a Dockerfile
 * in another folder ({@code context: ..}, {@code dockerfile: docker/Dockerfile}; a devcontainer's
 * {@code .devcontainer/docker-compose.yml}), so the Compose files looked at are those of the
 * Dockerfile's folder and each folder above it up to the project root, and of the folders right
 * under those ({@code deploy/}, {@code .devcontainer/}): where Compose files that build a
 * Dockerfile live, found with a few directory reads rather than a walk of the whole project (a
 * scan of one Dockerfile must stay quick). Values with variables, and files that are not YAML
 * maps, are skipped: this is a hint, never an error. One instance per scan caches what it read.
 */
final class ComposeContexts {
  /** Where a Compose file puts a Dockerfile's context, which Compose file says so, and what its service sets. */
  record Given(Path context, Path composeFile, ComposeService service) {}

  /** One service's build: its context and its Dockerfile (absolute, normalized), and what the service sets. */
  record Build(Path context, Path dockerfile, ComposeService service) {
    Build(Path context, Path dockerfile) {
      this(context, dockerfile, ComposeService.NONE);
    }
  }

  private static final Pattern NAME = Pattern.compile("(docker-)?compose(\\.[\\w.-]+)?\\.ya?ml");
  private static final Set<String> NOT_ENTERED = Set.of(".git", "node_modules", ".venv", "venv", "target", "__pycache__", ".gradle", ".m2");
  private static final int MAX_LISTED = 10_000;
  private static final long MAX_BYTES = 1024L * 1024;

  /** A directory's Compose files and its subdirectories (a bounded read of its entries). */
  private record Dir(List<Path> composeFiles, List<Path> subdirs) {}

  private final Map<Path, Dir> dirs = new ConcurrentHashMap<>();
  private final Map<Path, List<Build>> builds = new ConcurrentHashMap<>();

  /** The context the nearest Compose file gives {@code dockerfile} (absolute, normalized), or null. */
  Given of(Path dockerfile, Path projectRoot) {
    for (Path d = dockerfile.getParent(); d != null && d.startsWith(projectRoot); d = d.getParent()) {
      Dir here = dir(d);
      Given g = given(here.composeFiles(), dockerfile);
      for (int i = 0; g == null && i < here.subdirs().size(); i++) {
        g = given(dir(here.subdirs().get(i)).composeFiles(), dockerfile);
      }
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  private Given given(List<Path> composeFiles, Path dockerfile) {
    for (Path compose : composeFiles) {
      for (Build b : builds.computeIfAbsent(compose, ComposeContexts::read)) {
        if (b.dockerfile().equals(dockerfile)) {
          return new Given(b.context(), compose, b.service());
        }
      }
    }
    return null;
  }

  private Dir dir(Path d) {
    return dirs.computeIfAbsent(d, ComposeContexts::readDir);
  }

  private static Dir readDir(Path d) {
    TreeMap<String, Path> compose = new TreeMap<>();
    TreeMap<String, Path> subdirs = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
      int n = 0;
      for (Path e : entries) {
        if (++n > MAX_LISTED) {
          break;
        }
        String name = e.getFileName().toString();
        if (NAME.matcher(name).matches() && Files.isRegularFile(e)) {
          compose.put(name, e);
        } else if (!NOT_ENTERED.contains(name) && Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
          subdirs.put(name, e);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a hint only: what cannot be read gives none
    }
    return new Dir(List.copyOf(compose.values()), List.copyOf(subdirs.values()));
  }

  /**
   * The program words of a service's {@code healthcheck.test} ({@code ["CMD", "curl", "-f", "http://localhost"]}, or a
   * string run by the shell); empty when there is none or it is disabled.
   */
  static List<String> healthcheck(Object healthcheck) {
    if (!(healthcheck instanceof Map<?, ?> h) || Boolean.TRUE.equals(h.get("disable"))) {
      return List.of();
    }
    Object test = h.get("test");
    List<?> parts = test instanceof List<?> l ? l : test instanceof String str ? List.of(str) : List.of();
    List<String> words = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof String str) {
        words.addAll(ComposeService.commandWords(str));
      }
    }
    return words.contains("NONE") && words.size() == 1 ? List.of() : List.copyOf(words);
  }

  /** What a service sets that the rules of its Dockerfile read: healthcheck, user, privileged, cap_add. */
  static ComposeService service(String file, String name, Map<?, ?> s) {
    Object user = s.get("user");
    List<String> caps = new ArrayList<>();
    if (s.get("cap_add") instanceof List<?> added) {
      added.stream().filter(c -> c instanceof String str && !str.isBlank() && !str.contains("$")).forEach(c -> caps.add((String) c));
    }
    return new ComposeService(file, name, healthcheck(s.get("healthcheck")),
        user instanceof String || user instanceof Number ? String.valueOf(user) : null, Boolean.TRUE.equals(s.get("privileged")), caps);
  }

  /**
   * A YAML loader for files read as hints (Compose files, skaffold files and the manifests they name): bounded in size and
   * aliases, no recursive keys, so a hostile file fails to load, and then gives no hint.
   */
  static Load hintLoader(long maxBytes) {
    return new Load(LoadSettings.builder().setMaxAliasesForCollections(50).setAllowRecursiveKeys(false)
        .setCodePointLimit((int) maxBytes).build());
  }

  /** The services' builds of one Compose file, as (context, Dockerfile) pairs. */
  static List<Build> read(Path compose) {
    Object doc;
    try {
      String text = InputFiles.readText(compose, MAX_BYTES, "not a Compose file");
      doc = hintLoader(MAX_BYTES).loadFromReader(new dev.bulwark.core.text.WholeCodePointsReader(text));
    } catch (IOException | RuntimeException e) {
      return List.of(); // not YAML, too big, unreadable: no hint
    }
    if (!(doc instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
      return List.of();
    }
    Path dir = compose.toAbsolutePath().normalize().getParent();
    List<Build> out = new ArrayList<>();
    for (Map.Entry<?, ?> entry : services.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> s)) {
        continue;
      }
      Object build = s.get("build");
      if (build instanceof Map<?, ?> b && b.containsKey("dockerfile_inline")) {
        continue; // the Dockerfile is in the Compose file, not beside the context
      }
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
        out.add(new Build(ctx, ctx.resolve(dockerfile).normalize(), service(compose.toString(), String.valueOf(entry.getKey()), s)));
      } catch (java.nio.file.InvalidPathException e) {
        // not a path on this system: no hint
      }
    }
    return out;
  }
}
