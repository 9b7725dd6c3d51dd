package dev.bulwark.image.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.image.pkg.LanguagePackages.Found;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Node lock files: npm's {@code package-lock.json} / {@code npm-shrinkwrap.json} (lockfile
 * versions 1, 2 and 3), {@code yarn.lock} (classic v1 and Berry) and {@code pnpm-lock.yaml}
 * (versions 5 to 9). Development-only packages are left out where the file says which they are
 * (npm, pnpm up to 8); links and workspace members are the project's own code and are left out
 * too. Pure parsers over bytes; a file that does not parse yields nothing.
 */
public final class NodeLockFiles {
  private NodeLockFiles() {}

  private static final ObjectMapper JSON = LanguagePackages.JSON;
  /** Lock files larger than this are not parsed: their tree would take several times their size on the heap. */
  public static final int MAX_BYTES = 32 << 20;
  private static final Set<String> NAMES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml");

  /** A project's lock file; copies inside node_modules belong to installed packages, which are read from package.json. */
  public static boolean wanted(String path) {
    return NAMES.contains(LanguagePackages.fileName(path)) && !path.contains("node_modules/");
  }

  public static List<Found> parse(String path, byte[] content) {
    String name = LanguagePackages.fileName(path);
    List<String[]> nameVersions = switch (name) {
      case "yarn.lock" -> yarnLock(new String(content, StandardCharsets.UTF_8));
      case "pnpm-lock.yaml" -> pnpmLock(new String(content, StandardCharsets.UTF_8));
      default -> packageLock(content);
    };
    Set<String> seen = new LinkedHashSet<>();
    List<Found> out = new ArrayList<>();
    for (String[] nv : nameVersions) {
      if (nv[0] == null || nv[0].isBlank() || nv[1] == null || nv[1].isBlank() || !seen.add(nv[0] + "@" + nv[1])) {
        continue; // the same package at the same version, nested in several places, is one package
      }
      int slash = nv[0].indexOf('/');
      boolean scoped = nv[0].startsWith("@") && slash > 0;
      out.add(new Found("npm", scoped ? nv[0].substring(0, slash) : null, scoped ? nv[0].substring(slash + 1) : nv[0], nv[1], null));
    }
    return out;
  }

  /** npm: v2/v3 list every installed path under "packages"; v1 nests "dependencies". */
  static List<String[]> packageLock(byte[] content) {
    List<String[]> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      return out;
    }
    if (root == null) {
      return out;
    }
    JsonNode packages = root.path("packages");
    if (packages.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        JsonNode p = e.getValue();
        int nm = key.lastIndexOf("node_modules/");
        // "" is the project itself; keys without node_modules are workspace folders; links point at them
        if (nm < 0 || p.path("link").asBoolean(false) || p.path("dev").asBoolean(false)) {
          continue;
        }
        out.add(new String[] {p.path("name").asText(key.substring(nm + "node_modules/".length())), p.path("version").asText(null)});
      }
      return out;
    }
    packageLockV1(root.path("dependencies"), out, 0);
    return out;
  }

  private static void packageLockV1(JsonNode dependencies, List<String[]> out, int depth) {
    if (!dependencies.isObject() || depth > 64) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = dependencies.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode d = e.getValue();
      if (!d.path("dev").asBoolean(false)) {
        String version = d.path("version").asText("");
        if (version.startsWith("npm:")) {
          // an alias: "npm:real-name@1.2.3"
          String target = version.substring(4);
          int at = target.lastIndexOf('@');
          out.add(at > 0 ? new String[] {target.substring(0, at), target.substring(at + 1)} : new String[] {e.getKey(), null});
        } else if (!version.contains(":") && !version.contains("/")) {
          out.add(new String[] {e.getKey(), version}); // file:, git and URL specifiers are not registry versions
        }
      }
      packageLockV1(d.path("dependencies"), out, depth + 1);
    }
  }

  /** yarn.lock: Berry's is YAML with a __metadata entry; classic v1 is yarn's own indented format. */
  static List<String[]> yarnLock(String text) {
    List<String[]> out = new ArrayList<>();
    if (text.contains("\n__metadata:") || text.startsWith("__metadata:")) {
      if (yaml(text) instanceof Map<?, ?> entries) {
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          if (e.getKey().equals("__metadata") || !(e.getValue() instanceof Map<?, ?> entry) || "soft".equals(entry.get("linkType"))) {
            continue;
          }
          String resolution = String.valueOf(entry.get("resolution"));
          int at = resolution.indexOf('@', 1);
          if (at > 0 && !resolution.startsWith("workspace:", at + 1)) {
            out.add(new String[] {resolution.substring(0, at), entry.get("version") == null ? null : String.valueOf(entry.get("version"))});
          }
        }
      }
      return out;
    }
    String name = null;
    for (String line : text.split("\n")) {
      if (!line.startsWith(" ") && !line.startsWith("#") && line.endsWith(":")) {
        // the first specifier of the entry (split with a limit: a header of only commas still has one, empty)
        name = yarnV1Name(line.substring(0, line.length() - 1).split(",", 2)[0].strip());
      } else if (name != null && line.startsWith("  version ")) {
        out.add(new String[] {name, unquote(line.substring("  version ".length()).strip())});
        name = null;
      }
    }
    return out;
  }

  /** {@code "@scope/pkg@^1.0"} -> {@code @scope/pkg}; an alias {@code alias@npm:real@^1} -> {@code real}. */
  private static String yarnV1Name(String specifier) {
    String s = unquote(specifier);
    int at = s.indexOf('@', 1);
    if (at < 0) {
      return null;
    }
    String range = s.substring(at + 1);
    if (range.startsWith("npm:")) {
      String target = range.substring(4);
      int targetAt = target.indexOf('@', 1);
      return targetAt < 0 ? target : target.substring(0, targetAt);
    }
    return s.substring(0, at);
  }

  /** pnpm: keys are /name/version (v5), /name@version (v6) or name@version (v9), maybe with a peer suffix. */
  static List<String[]> pnpmLock(String text) {
    List<String[]> out = new ArrayList<>();
    if (!(yaml(text) instanceof Map<?, ?> root) || !(root.get("packages") instanceof Map<?, ?> packages)) {
      return out;
    }
    double lockVersion;
    try {
      lockVersion = Double.parseDouble(String.valueOf(root.get("lockfileVersion")));
    } catch (NumberFormatException e) {
      return out;
    }
    for (Map.Entry<?, ?> e : packages.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (e.getValue() instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("dev"))) {
        continue;
      }
      if (key.startsWith("/")) {
        key = key.substring(1);
      }
      String name;
      String version;
      if (lockVersion < 6) {
        int underscore = key.indexOf('_', key.lastIndexOf('/'));
        key = underscore < 0 ? key : key.substring(0, underscore); // peer suffix: _react@18.2.0
        int slash = key.lastIndexOf('/');
        name = slash < 0 ? null : key.substring(0, slash);
        version = slash < 0 ? null : key.substring(slash + 1);
      } else {
        int paren = key.indexOf('(');
        key = paren < 0 ? key : key.substring(0, paren); // peer suffix: (react@18.2.0)
        int at = key.indexOf('@', 1);
        name = at < 0 ? null : key.substring(0, at);
        version = at < 0 ? null : key.substring(at + 1);
      }
      if (version != null && !version.contains(":")) {
        out.add(new String[] {name, version}); // link:, file: and tarball URLs are not registry versions
      }
    }
    return out;
  }

  private static Object yaml(String text) {
    try {
      // lock files are large but plain: no aliases needed, and the size is already bounded by the capture limit
      return new Load(LoadSettings.builder().setMaxAliasesForCollections(10).setCodePointLimit(Integer.MAX_VALUE).build())
          .loadFromReader(new dev.bulwark.core.text.WholeCodePointsReader(text));
    } catch (RuntimeException e) {
      return null; // not YAML, or hostile: nothing found
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
