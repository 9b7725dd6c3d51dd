package dev.bulwark.harden;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code .dockerignore} entries for a language: what must not reach the build context (VCS
 * data, secrets, caches, build output, local environments), merged line-wise into the user's.
 */
final class Dockerignore {
  private static final List<String> COMMON = List.of(".git", ".hg", ".svn", ".env", ".env.*", "*.pem", "*.key", "id_rsa*", ".aws", ".ssh",
      ".docker", ".vscode", ".idea", "*.swp", ".DS_Store", "*.log", "docker-compose*.yml", "compose*.yaml");

  private Dockerignore() {}

  static List<String> entries(Language lang) {
    List<String> out = new ArrayList<>(COMMON);
    if (lang == null) {
      return out;
    }
    out.addAll(switch (lang) {
      case GO -> List.of("bin/", "*.test", "coverage.out");
      case RUST -> List.of("target/");
      case C -> List.of("*.o", "*.a", "build/");
      case PYTHON -> List.of("__pycache__/", "*.py[cod]", ".venv/", "venv/", ".pytest_cache/", ".mypy_cache/", ".ruff_cache/", ".tox/",
          "*.egg-info/", "dist/", "build/");
      case NODE -> List.of("node_modules/", "npm-debug.log*", "yarn-error.log*", ".npm/", "coverage/", ".next/cache/");
      case JAVA -> List.of("target/", "build/", ".gradle/", "*.class");
      case DOTNET -> List.of("bin/", "obj/", "*.user");
    });
    return out;
  }

  /** The context paths the Dockerfile's COPY/ADD name (not {@code --from} ones), without {@code ./}. */
  static Set<String> copiedSources(BuildModel model) {
    Set<String> out = new LinkedHashSet<>();
    for (Stage s : model.stages()) {
      for (Command c : s.commands()) {
        List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
            : c instanceof Command.Add ad ? ad.sources() : List.of();
        for (String src : sources) {
          String p = src.startsWith("./") ? src.substring(2) : src;
          while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
          }
          out.add(p);
        }
      }
    }
    return out;
  }

  static String merge(String existing, Language lang, Set<String> copied) {
    Set<String> present = new LinkedHashSet<>();
    if (existing != null) {
      for (String line : existing.split("\r?\n")) {
        present.add(line.strip());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String e : entries(lang)) {
      String bare = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
      if (present.contains(e) || present.contains(bare) || present.contains("/" + bare) || excludesCopied(bare, copied)) {
        continue;
      }
      missing.add(e);
    }
    StringBuilder sb = new StringBuilder(existing == null ? "" : existing);
    if (missing.isEmpty()) {
      return sb.toString();
    }
    if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '\n') {
      sb.append('\n');
    }
    if (!sb.isEmpty()) {
      sb.append('\n');
    }
    sb.append("# added by bulwark harden").append(lang == null ? "" : " (" + lang.display + ")")
        .append(": VCS data, secrets, caches, build output and local environments stay out of the build context\n");
    for (String e : missing) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  /** The entry would ignore a path the Dockerfile copies (or one inside it), so it is left out. */
  private static boolean excludesCopied(String entry, Set<String> copied) {
    for (String c : copied) {
      if (c.equals(entry) || c.startsWith(entry + "/") || matches(entry, c) || matches(entry, c.substring(c.lastIndexOf('/') + 1))) {
        return true;
      }
    }
    return false;
  }

  /** A small glob match ({@code *} and {@code ?} within a name, {@code [..]} as one char): enough for the fixed entries above. */
  private static boolean matches(String glob, String name) {
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0 && glob.indexOf('[') < 0) {
      return false;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i);
          re.append(glob, i, close + 1);
          i = close;
        }
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return name.matches(re.toString());
  }
}
