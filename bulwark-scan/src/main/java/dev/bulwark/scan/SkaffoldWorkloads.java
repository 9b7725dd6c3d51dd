package dev.bulwark.scan;

import dev.bulwark.lint.KubernetesWorkload;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Kubernetes workloads that run a Dockerfile's image, as the project's {@code skaffold.yaml}
 * says: an artifact of {@code build.artifacts} built from the Dockerfile ({@code context}, default
 * the skaffold file's directory, and {@code docker.dockerfile}, default {@code Dockerfile}) names
 * an image; the manifests the file deploys ({@code manifests.rawYaml}, {@code manifests.kustomize.paths}
 * with their {@code kustomization.yaml} resources, or skaffold v2's {@code deploy.kubectl.manifests})
 * hold the containers that run that image, with their {@code securityContext}. The skaffold files
 * looked at are those of the Dockerfile's directory and each one above it up to the project root.
 * Profiles, Helm and remote manifests are not read. A hint, never an error: what does not read as
 * expected gives none. One instance per scan caches what it read.
 */
final class SkaffoldWorkloads {
  private static final long MAX_BYTES = 1024L * 1024;
  private static final int MAX_MANIFESTS = 500;
  private static final int MAX_KUSTOMIZE_DEPTH = 4;

  /** One artifact of a skaffold file: the Dockerfile (absolute, normalized) and the image name it builds. */
  record Artifact(Path dockerfile, String image) {}

  /** A skaffold file's artifacts and the manifest files it deploys. */
  record Config(List<Artifact> artifacts, List<Path> manifests) {
  }

  /** By directory: the configs of its skaffold files (none, mostly: a directory of 3,000 Dockerfiles is looked at once). */
  private final Map<Path, List<Config>> configs = new ConcurrentHashMap<>();
  private final Map<Path, List<Object>> manifests = new ConcurrentHashMap<>();

  /** The first workload found that runs the image built from {@code dockerfile} (absolute, normalized), or NONE. */
  KubernetesWorkload of(Path dockerfile, Path projectRoot) {
    for (Path d = dockerfile.getParent(); d != null && d.startsWith(projectRoot); d = d.getParent()) {
      for (Config config : configs.computeIfAbsent(d, SkaffoldWorkloads::configsIn)) {
        for (Artifact a : config.artifacts()) {
          if (a.dockerfile().equals(dockerfile)) {
            KubernetesWorkload w = workload(config.manifests(), a.image());
            if (w != KubernetesWorkload.NONE) {
              return w;
            }
          }
        }
      }
    }
    return KubernetesWorkload.NONE;
  }

  private static List<Config> configsIn(Path dir) {
    List<Config> found = new ArrayList<>();
    for (String name : List.of("skaffold.yaml", "skaffold.yml")) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        found.add(readConfig(file));
      }
    }
    return List.copyOf(found);
  }

  private KubernetesWorkload workload(List<Path> files, String image) {
    for (Path file : files) {
      for (Object doc : manifests.computeIfAbsent(file, SkaffoldWorkloads::loadAll)) {
        KubernetesWorkload w = inManifest(doc, image, file.toString());
        if (w != KubernetesWorkload.NONE) {
          return w;
        }
      }
    }
    return KubernetesWorkload.NONE;
  }

  /** The container of a workload document that runs {@code image} (the artifact's name, tagged or not), with its effective runAsUser. */
  static KubernetesWorkload inManifest(Object doc, String image, String file) {
    if (!(doc instanceof Map<?, ?> m) || !(m.get("kind") instanceof String kind)) {
      return KubernetesWorkload.NONE;
    }
    Map<?, ?> pod = podSpec(kind, m.get("spec"));
    if (pod == null) {
      return KubernetesWorkload.NONE;
    }
    String name = m.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String n ? n : "?";
    long podUser = runAsUser(pod.get("securityContext"));
    for (String list : List.of("containers", "initContainers")) {
      if (!(pod.get(list) instanceof List<?> containers)) {
        continue;
      }
      for (Object c : containers) {
        if (c instanceof Map<?, ?> container && container.get("image") instanceof String ref && sameImage(ref, image)) {
          long own = runAsUser(container.get("securityContext"));
          String cname = container.get("name") instanceof String n ? n : "?";
          return new KubernetesWorkload(file, kind + "/" + name + " (" + cname + ")", own >= 0 ? own : podUser);
        }
      }
    }
    return KubernetesWorkload.NONE;
  }

  private static Map<?, ?> podSpec(String kind, Object spec) {
    if (!(spec instanceof Map<?, ?> s)) {
      return null;
    }
    return switch (kind) {
      case "Pod" -> s;
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
          s.get("template") instanceof Map<?, ?> t && t.get("spec") instanceof Map<?, ?> p ? p : null;
      case "CronJob" -> s.get("jobTemplate") instanceof Map<?, ?> j ? podSpec("Job", j.get("spec")) : null;
      default -> null;
    };
  }

  /** skaffold replaces the artifact's name in the manifests with the built tag: {@code frontend}, {@code frontend:v1}, {@code frontend@sha256:…}. */
  private static boolean sameImage(String ref, String image) {
    return ref.equals(image) || ref.startsWith(image + ":") || ref.startsWith(image + "@");
  }

  private static long runAsUser(Object securityContext) {
    if (securityContext instanceof Map<?, ?> sc && sc.get("runAsUser") instanceof Number n) {
      return n.longValue();
    }
    return -1;
  }

  static Config readConfig(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    List<Artifact> artifacts = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Object doc : loadAll(file)) {
      if (!(doc instanceof Map<?, ?> top)) {
        continue;
      }
      if (top.get("build") instanceof Map<?, ?> build && build.get("artifacts") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> a && a.get("image") instanceof String image) {
            String context = a.get("context") instanceof String c ? c : ".";
            String dockerfile = a.get("docker") instanceof Map<?, ?> docker && docker.get("dockerfile") instanceof String d ? d : "Dockerfile";
            try {
              artifacts.add(new Artifact(dir.resolve(context).resolve(dockerfile).normalize(), image));
            } catch (java.nio.file.InvalidPathException e) {
              // not a path here: no hint
            }
          }
        }
      }
      if (top.get("manifests") instanceof Map<?, ?> m) {
        strings(m.get("rawYaml")).forEach(g -> files.addAll(glob(dir, g)));
        if (m.get("kustomize") instanceof Map<?, ?> k) {
          strings(k.get("paths")).forEach(p -> kustomize(dir.resolve(p).normalize(), files, 0));
        }
      }
      if (top.get("deploy") instanceof Map<?, ?> deploy && deploy.get("kubectl") instanceof Map<?, ?> kubectl) {
        strings(kubectl.get("manifests")).forEach(g -> files.addAll(glob(dir, g)));
      }
    }
    return new Config(List.copyOf(artifacts), files.stream().distinct().limit(MAX_MANIFESTS).toList());
  }

  /** The resource files a kustomization directory lists, its resource directories followed (bounded). */
  private static void kustomize(Path dir, List<Path> out, int depth) {
    if (depth > MAX_KUSTOMIZE_DEPTH || out.size() >= MAX_MANIFESTS) {
      return;
    }
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path k = dir.resolve(name);
      if (!Files.isRegularFile(k)) {
        continue;
      }
      for (Object doc : loadAll(k)) {
        if (doc instanceof Map<?, ?> m) {
          for (String r : strings(m.get("resources"))) {
            if (r.contains("://")) {
              continue; // a remote base: not read
            }
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
              kustomize(p, out, depth + 1);
            } else if (Files.isRegularFile(p)) {
              out.add(p);
            }
          }
        }
      }
      return;
    }
  }

  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? l.stream().filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.contains("$")).toList()
        : List.of();
  }

  /** The files under {@code dir} that a skaffold glob ({@code ./k8s/*.yaml}, {@code manifests/**}) names, sorted. */
  static List<Path> glob(Path dir, String pattern) {
    String g = pattern.startsWith("./") ? pattern.substring(2) : pattern;
    int wild = indexOfWildcard(g);
    if (wild < 0) {
      Path p = dir.resolve(g).normalize();
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    int slash = g.lastIndexOf('/', wild);
    Path base = dir.resolve(slash < 0 ? "." : g.substring(0, slash)).normalize();
    if (!Files.isDirectory(base) || g.contains("..")) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + g.replace("**/", "{**/,}"));
    try (Stream<Path> walk = Files.walk(base, 8)) {
      return walk.filter(Files::isRegularFile).filter(p -> matcher.matches(dir.relativize(p))).limit(MAX_MANIFESTS).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static int indexOfWildcard(String g) {
    for (int i = 0; i < g.length(); i++) {
      if ("*?[{".indexOf(g.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<Object> loadAll(Path file) {
    try {
      String text = InputFiles.readText(file, MAX_BYTES, "not a YAML file");
      List<Object> docs = new ArrayList<>();
      for (Object doc : ComposeContexts.hintLoader(MAX_BYTES).loadAllFromReader(new dev.bulwark.core.text.WholeCodePointsReader(text))) {
        docs.add(doc);
      }
      return docs;
    } catch (IOException | RuntimeException e) {
      return List.of(); // not YAML, too big, unreadable: no hint
    }
  }
}
