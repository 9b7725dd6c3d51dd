package dev.bulwark.dockerfile.syntax;

import java.util.Locale;
import java.util.Set;

/**
 * Which file names, met in a directory, hold a Dockerfile: {@code Dockerfile}, {@code Dockerfile.*},
 * {@code *.Dockerfile}, {@code Containerfile} and {@code Containerfile.*} (any case), but not
 * {@code Dockerfile.go}, {@code dockerfile.json} or {@code Dockerfile.template}. Projects name
 * their Go sources, schemas and test goldens about Dockerfiles like that, and official-images
 * style repositories keep the templates their Dockerfiles are generated from ({@code {{ … }}} for
 * jq, Go or Jinja) next to the generated files: none of them is built, so linting them gives only
 * parse errors and findings about text that no image contains.
 */
public final class DockerfileNames {
  private DockerfileNames() {}

  /** Suffixes after {@code Dockerfile.} that name another format, or a template to generate a Dockerfile from. */
  private static final Set<String> NOT_DOCKERFILES = Set.of(
      // source code and data about Dockerfiles
      "go", "json", "golden", "yaml", "yml", "toml", "xml", "md", "rst", "html", "py", "js", "ts", "rb", "rs", "java", "kt",
      "c", "h", "cs", "sh", "ps1", "bat", "txt", "lock",
      // the ignore file BuildKit reads for this Dockerfile (Dockerfile.dockerignore)
      "dockerignore",
      // editor and patch leftovers
      "bak", "orig", "rej", "swp", "patch", "diff",
      // templates
      "template", "tmpl", "tpl", "gotmpl", "j2", "jinja", "jinja2", "erb", "mustache", "hbs", "in", "m4", "ejs");

  /** True for a file name that, found in a directory, is scanned as a Dockerfile. */
  public static boolean isDockerfileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("dockerfile") || n.equals("containerfile") || n.endsWith(".dockerfile") || n.endsWith(".containerfile")) {
      return true;
    }
    String rest = n.startsWith("dockerfile.") ? n.substring("dockerfile.".length())
        : n.startsWith("containerfile.") ? n.substring("containerfile.".length()) : null;
    return rest != null && !rest.isEmpty() && !NOT_DOCKERFILES.contains(rest.substring(rest.lastIndexOf('.') + 1));
  }
}
