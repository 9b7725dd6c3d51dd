package dev.bulwark.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.image.source.BlobStore;
import dev.bulwark.image.source.Digest;
import dev.bulwark.image.source.HostileImageException;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.source.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the image in a docker-save archive (legacy {@code <id>/layer.tar} or OCI-style
 * {@code blobs/sha256}) or an OCI image layout, following indexes to the manifest of the
 * requested platform. Every blob read by digest is verified.
 */
public final class ManifestReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final Set<String> INDEX_TYPES =
      Set.of("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final int MAX_INDEX_DEPTH = 4;

  /** Whether a descriptor's media type names an index; false when it has none (Set.of refuses to look up null). */
  public static boolean isIndexType(String mediaType) {
    return mediaType != null && INDEX_TYPES.contains(mediaType);
  }

  private final BlobStore store;
  private final ImageLimits limits;
  /** A single-platform image is taken as it is unless a platform was asked for. */
  private boolean explicitPlatform;
  private String refName;

  /** Parses a small document, which initializes the JSON stack (Jackson's first parse is its costliest). */
  public static void prepare() {
    try {
      JSON.readTree("{\"schemaVersion\": 2, \"size\": 1}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public ManifestReader(BlobStore store, ImageLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /** The image for {@code platform} ({@code os/arch[/variant]}, or null for the host's). */
  public ImageManifest read(String platform) throws IOException, ImageException {
    return read(null, platform);
  }

  /**
   * The image named {@code refName} (an OCI layout's {@code org.opencontainers.image.ref.name},
   * e.g. the tag; null when the layout holds one image) for {@code platform}.
   */
  public ImageManifest read(String refName, String platform) throws IOException, ImageException {
    this.refName = refName;
    if (store.exists("manifest.json")) {
      return dockerSave();
    }
    if (store.exists("index.json")) {
      explicitPlatform = platform != null;
      return oci(platform == null ? hostPlatform() : platform);
    }
    throw new ImageException("neither a docker-save archive (manifest.json) nor an OCI image layout (index.json)");
  }

  public static String hostPlatform() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    arch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return "linux/" + arch;
  }

  private byte[] readBytes(String name, Digest expected) throws IOException, ImageException {
    byte[] bytes;
    try (InputStream in = store.open(name)) {
      bytes = in.readNBytes(limits.maxJsonBytes() + 1);
    }
    if (bytes.length > limits.maxJsonBytes()) {
      throw new HostileImageException(name + " is larger than " + (limits.maxJsonBytes() >> 20) + " MiB");
    }
    if (expected != null) {
      MessageDigest md = expected.newHasher();
      if (!expected.matches(md.digest(bytes))) {
        throw new HostileImageException(name + " does not match its digest " + expected);
      }
    }
    return bytes;
  }

  private JsonNode readJson(String name, Digest expected) throws IOException, ImageException {
    byte[] bytes = readBytes(name, expected);
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ImageException(name + ": invalid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  static String blobPath(Digest d) {
    return "blobs/" + d.algorithm() + "/" + d.hex();
  }

  private ImageManifest dockerSave() throws IOException, ImageException {
    JsonNode root = readJson("manifest.json", null);
    if (!root.isArray() || root.isEmpty()) {
      throw new ImageException("manifest.json lists no image");
    }
    JsonNode m = root.get(0);
    String configPath = text(m, "Config");
    if (configPath == null) {
      throw new ImageException("manifest.json has no Config");
    }
    Digest configDigest = digestFromPath(configPath);
    ImageConfig config = config(readJson(configPath, configDigest));
    List<String> tags = new ArrayList<>();
    m.path("RepoTags").forEach(t -> tags.add(t.asText()));
    List<Layer> layers = new ArrayList<>();
    JsonNode ls = list(m, "Layers", "manifest.json");
    for (int i = 0; i < ls.size(); i++) {
      String p = ls.get(i).asText();
      layers.add(new Layer(i, p, digestFromPath(p), null, -1, i < config.diffIds().size() ? config.diffIds().get(i) : null));
    }
    checkLayerCount(layers, config);
    return new ImageManifest(store.exists("oci-layout") ? "docker-archive (oci)" : "docker-archive", List.copyOf(tags), List.copyOf(layers), config);
  }

  /** blobs/sha256/<hex> (newer docker save) names its digest; legacy paths do not. */
  private static Digest digestFromPath(String path) {
    String n = BlobStore.normalize(path);
    if (n != null && n.startsWith("blobs/")) {
      String[] parts = n.split("/");
      if (parts.length == 3) {
        try {
          return Digest.parse(parts[1] + ":" + parts[2]);
        } catch (ImageException e) {
          return null;
        }
      }
    }
    return null;
  }

  private ImageManifest oci(String platform) throws IOException, ImageException {
    JsonNode index = readJson("index.json", null);
    JsonNode manifestDesc = choose(index, platform, 0);
    Digest md = Digest.parse(text(manifestDesc, "digest"));
    JsonNode manifest = readJson(blobPath(md), md);
    JsonNode configDesc = manifest.path("config");
    Digest cd = Digest.parse(text(configDesc, "digest"));
    ImageConfig config = config(readJson(blobPath(cd), cd));
    List<Layer> layers = new ArrayList<>();
    JsonNode ls = list(manifest, "layers", "the manifest");
    for (int i = 0; i < ls.size(); i++) {
      JsonNode l = ls.get(i);
      Digest d = Digest.parse(text(l, "digest"));
      layers.add(new Layer(i, blobPath(d), d, text(l, "mediaType"), l.path("size").asLong(-1),
          i < config.diffIds().size() ? config.diffIds().get(i) : null));
    }
    checkLayerCount(layers, config);
    List<String> tags = new ArrayList<>();
    String ref = manifestDesc.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
    if (ref != null) {
      tags.add(ref);
    }
    return new ImageManifest("oci", List.copyOf(tags), List.copyOf(layers), config);
  }

  private static void checkLayerCount(List<Layer> layers, ImageConfig config) throws ImageException {
    if (layers.size() != config.diffIds().size()) {
      throw new ImageException("the manifest lists " + layers.size() + " layers but the config " + config.diffIds().size() + " diff_ids");
    }
  }

  /** The manifest descriptor for {@code platform}, following nested indexes. */
  private JsonNode choose(JsonNode index, String platform, int depth) throws IOException, ImageException {
    if (depth > MAX_INDEX_DEPTH) {
      throw new HostileImageException("image indexes nested more than " + MAX_INDEX_DEPTH + " deep");
    }
    JsonNode manifests = list(index, "manifests", "the index");
    if (manifests.isEmpty()) {
      throw new ImageException("the index lists no manifest");
    }
    List<JsonNode> candidates = new ArrayList<>();
    manifests.forEach(candidates::add);
    if (depth == 0) {
      List<String> names = new ArrayList<>();
      for (JsonNode c : candidates) {
        String n = c.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
        if (n != null) {
          names.add(n);
        }
      }
      if (refName != null) {
        candidates.removeIf(c -> !refName.equals(c.path("annotations").path("org.opencontainers.image.ref.name").asText(null)));
        if (candidates.isEmpty()) {
          throw new ImageException("no image named '" + refName + "' in the layout (it has " + (names.isEmpty() ? "no names" : String.join(", ", names)) + ")");
        }
      } else if (names.size() > 1 && candidates.stream().allMatch(c -> c.path("platform").isMissingNode())) {
        throw new ImageException("the layout holds several images (" + String.join(", ", names) + "); name one as PATH:NAME");
      }
    }
    JsonNode picked = null;
    JsonNode only = candidates.size() == 1 ? candidates.getFirst() : null;
    if (only != null && (!explicitPlatform || only.path("platform").isMissingNode() || platformMatches(only.path("platform"), platform))) {
      picked = only;
    } else {
      for (JsonNode c : candidates) {
        JsonNode p = c.path("platform");
        if (p.isMissingNode() || isIndexType(text(c, "mediaType"))) {
          if (p.isMissingNode() && isIndexType(text(c, "mediaType"))) {
            picked = picked == null ? c : picked;
          }
          continue;
        }
        if (platformMatches(p, platform)) {
          picked = c;
          break;
        }
      }
    }
    if (picked == null) {
      Map<String, Boolean> available = new LinkedHashMap<>();
      for (JsonNode c : candidates) {
        JsonNode p = c.path("platform");
        available.put(p.path("os").asText("?") + "/" + p.path("architecture").asText("?")
            + (p.has("variant") ? "/" + p.path("variant").asText() : ""), true);
      }
      throw new ImageException("no manifest for platform " + platform + " (the image has " + String.join(", ", available.keySet()) + ")");
    }
    if (isIndexType(text(picked, "mediaType"))) {
      Digest d = Digest.parse(text(picked, "digest"));
      return choose(readJson(blobPath(d), d), platform, depth + 1);
    }
    return picked;
  }

  /** The descriptor in one index level for {@code platform}, or null (for registry pulls). */
  public static JsonNode pick(JsonNode index, String platform) {
    for (JsonNode c : index.path("manifests")) {
      JsonNode p = c.path("platform");
      if (!p.isMissingNode() && platformMatches(p, platform)) {
        return c;
      }
    }
    return index.path("manifests").size() == 1 ? index.path("manifests").get(0) : null;
  }

  static boolean platformMatches(JsonNode p, String platform) {
    String[] want = platform.split("/");
    if (!p.path("os").asText().equals(want[0]) || want.length < 2 || !p.path("architecture").asText().equals(want[1])) {
      return false;
    }
    return want.length < 3 || want[2].equals(p.path("variant").asText());
  }

  static ImageConfig config(JsonNode c) throws ImageException {
    JsonNode cfg = c.path("config");
    List<String> ports = new ArrayList<>();
    cfg.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    Map<String, String> labels = new LinkedHashMap<>();
    cfg.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<String> history = new ArrayList<>();
    List<String> layerCommands = new ArrayList<>();
    c.path("history").forEach(h -> {
      history.add(h.path("created_by").asText(""));
      if (!h.path("empty_layer").asBoolean(false)) {
        layerCommands.add(h.path("created_by").asText(""));
      }
    });
    List<Digest> diffIds = new ArrayList<>();
    for (JsonNode d : c.path("rootfs").path("diff_ids")) {
      diffIds.add(Digest.parse(d.asText()));
    }
    if (layerCommands.size() != diffIds.size()) {
      layerCommands.clear(); // a history that does not line up with the layers names none of them
    }
    JsonNode hcNode = cfg.path("Healthcheck");
    JsonNode hc = hcNode.path("Test");
    boolean healthcheck = hc.isArray() && !hc.isEmpty() && !hc.get(0).asText().equals("NONE");
    ImageConfig.Health health = healthcheck ? new ImageConfig.Health(strings(hc), hcNode.path("Interval").asLong(0),
        hcNode.path("Timeout").asLong(0), hcNode.path("StartPeriod").asLong(0), hcNode.path("Retries").asInt(0)) : null;
    List<String> volumes = new ArrayList<>();
    cfg.path("Volumes").fieldNames().forEachRemaining(volumes::add);
    return new ImageConfig(text(c, "os"), text(c, "architecture"), text(c, "variant"), cfg.path("User").asText(""), strings(cfg.path("Env")),
        strings(cfg.path("Entrypoint")), strings(cfg.path("Cmd")), cfg.path("WorkingDir").asText(""), List.copyOf(ports), Map.copyOf(labels),
        healthcheck, List.copyOf(history), List.copyOf(diffIds), List.copyOf(volumes), health, List.copyOf(layerCommands));
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  /**
   * {@code parent.field} as a list (empty when absent). Any other shape is refused: Jackson gives
   * an object a size but no elements by index, which once ended a hostile layout in a
   * NullPointerException instead of an error.
   */
  private static JsonNode list(JsonNode parent, String field, String where) throws ImageException {
    JsonNode n = parent.path(field);
    if (!n.isMissingNode() && !n.isNull() && !n.isArray()) {
      throw new ImageException(where + ": \"" + field + "\" is not a list");
    }
    return n.isArray() ? n : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
