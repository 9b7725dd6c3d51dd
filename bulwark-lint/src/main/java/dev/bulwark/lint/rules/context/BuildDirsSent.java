package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Category;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.context.BuildContext;
import java.util.ArrayList;
import java.util.List;

/** BW-I004: dependency and build directories of the detected language are not excluded. */
public final class BuildDirsSent extends ContextPathsSent {
  public BuildDirsSent() {
    super("BW-I004", "Dependency or build directories not excluded", Severity.LOW, Category.RELIABILITY,
        "Local node_modules, virtualenvs, __pycache__ or target/ directories are built for the developer's machine; copied"
            + " into the image they override what the Dockerfile installs, bloat layers and break cache reuse.",
        "Exclude them in .dockerignore: `node_modules`, `**/__pycache__`, `.venv`, `venv`, `target`.");
  }

  /** The dependency directories a context sends: the same for every Dockerfile that copies it, so computed once. */
  private static final class Missing extends BuildContext.Derived<List<String>> {
    @Override
    protected List<String> compute(BuildContext context) {
      List<String> entries = context.entries();
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
        if (present && !context.excludes(dir)) {
          missing.add(dir);
        }
      }
      return List.copyOf(missing);
    }
  }

  private static final Missing MISSING = new Missing();

  @Override
  protected BuildContext.Derived<List<String>> offending() {
    return MISSING;
  }
}
