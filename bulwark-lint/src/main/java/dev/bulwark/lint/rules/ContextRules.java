package dev.bulwark.lint.rules;

import dev.bulwark.core.Messages;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.context.BuildContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Rules about the build context and its .dockerignore, for Dockerfiles that copy the whole context. */
final class ContextRules {
  private ContextRules() {}

  /** The COPY . and the listed context, when both exist. */
  private record Scope(Command copy, BuildContext context) {}

  private static Optional<Scope> scope(DockerfileTarget target) {
    Optional<Command> copy = target.wholeContextCopy();
    if (copy.isEmpty() || target.context().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scope(copy.get(), target.context().get()));
  }

  /** BW-I001: COPY . with no .dockerignore at all. */
  static final class NoDockerignore extends AbstractRule {
    NoDockerignore() {
      super("BW-I001", "Whole build context copied without a .dockerignore", Severity.MEDIUM, "secrets",
          "`COPY . .` with no .dockerignore sends and bakes in everything in the directory: .git history, local .env files,"
              + " keys, caches and build output. One careless file in the working tree ships in the image.",
          "Add a .dockerignore that starts from `**` and re-includes what the build needs (`!src/`, `!go.mod`), or at least"
              + " excludes `.git`, `.env*`, `*.pem`, `*.key` and build/cache directories.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      scope(target).filter(s -> s.context().ignore() == null).ifPresent(s -> report.accept(
          finding("the whole build context is copied and there is no .dockerignore", s.copy().instruction().span(), null)));
    }
  }

  private static final Pattern SECRET = Pattern.compile(
      "(?i)(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|[^/]*\\.pem|[^/]*\\.key|id_(?:rsa|dsa|ecdsa|ed25519)(?:\\.pub)?|\\.npmrc|\\.pypirc|\\.netrc|"
          + "\\.git-credentials|\\.aws/credentials|\\.docker/config\\.json|[^/]*\\.p12|[^/]*\\.pfx|\\.htpasswd|[^/]*\\.tfstate)$");
  private static final Pattern EXAMPLE = Pattern.compile("(?i)(example|sample|template|dist)$");

  /** BW-I002: secret-looking files that the ignore file lets through into the image. */
  static final class SecretsSent extends AbstractRule {
    SecretsSent() {
      super("BW-I002", "Secret files in the build context are copied into the image", Severity.HIGH, "secrets",
          "These files are not excluded by .dockerignore, so `COPY . .` puts them in a layer, readable by anyone who can"
              + " pull the image.",
          "Exclude them in .dockerignore (`.env*`, `**/*.pem`, `**/*.key`, `**/id_rsa*`, `.npmrc`), and pass what the build"
              + " needs with `RUN --mount=type=secret`.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      scope(target).ifPresent(s -> {
        List<String> leaked = new ArrayList<>();
        for (String e : s.context().sent()) {
          if (!e.endsWith("/") && SECRET.matcher(e).find() && !EXAMPLE.matcher(e).find()) {
            leaked.add(e);
          }
        }
        if (!leaked.isEmpty()) {
          report.accept(finding("COPY of the whole context includes " + Messages.listSome(leaked), s.copy().instruction().span(), null));
        }
      });
    }
  }

  /** BW-I003: the .git directory is sent and copied. */
  static final class GitDirSent extends AbstractRule {
    GitDirSent() {
      super("BW-I003", ".git directory copied into the image", Severity.MEDIUM, "secrets",
          "The .git directory holds the full history, including files deleted long ago (often secrets), remote URLs with"
              + " tokens, and unreleased code.",
          "Add `.git` to .dockerignore.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      scope(target).ifPresent(s -> {
        if (s.context().entries().contains(".git/") && !s.context().excludes(".git")) {
          report.accept(finding("COPY of the whole context includes .git/", s.copy().instruction().span(), null));
        }
      });
    }
  }

  /** BW-I004: dependency and build directories of the detected language are not excluded. */
  static final class BuildDirsSent extends AbstractRule {
    BuildDirsSent() {
      super("BW-I004", "Dependency or build directories not excluded", Severity.LOW, "reliability",
          "Local node_modules, virtualenvs, __pycache__ or target/ directories are built for the developer's machine; copied"
              + " into the image they override what the Dockerfile installs, bloat layers and break cache reuse.",
          "Exclude them in .dockerignore: `node_modules`, `**/__pycache__`, `.venv`, `venv`, `target`.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      scope(target).ifPresent(s -> {
        List<String> entries = s.context().entries();
        List<String> wanted = new ArrayList<>();
        if (entries.contains("package.json")) {
          wanted.add("node_modules");
        }
        if (entries.stream().anyMatch(e -> e.endsWith(".py") || e.equals("requirements.txt") || e.equals("pyproject.toml"))) {
          wanted.addAll(List.of("__pycache__", ".venv", "venv"));
        }
        if (entries.contains("pom.xml") || entries.contains("Cargo.toml")) {
          wanted.add("target");
        }
        List<String> missing = new ArrayList<>();
        for (String dir : wanted) {
          boolean present = entries.stream().anyMatch(e -> e.equals(dir + "/") || e.endsWith("/" + dir + "/"));
          if (present && !s.context().excludes(dir)) {
            missing.add(dir);
          }
        }
        if (!missing.isEmpty()) {
          report.accept(finding("COPY of the whole context includes " + Messages.listSome(missing), s.copy().instruction().span(), null));
        }
      });
    }
  }
}
