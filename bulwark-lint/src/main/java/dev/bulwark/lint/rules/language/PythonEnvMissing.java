package dev.bulwark.lint.rules.language;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D051: Python runtime images without PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED. */
public final class PythonEnvMissing extends DockerfileRule {
  private static boolean isPythonImage(Stage stage) {
    return stage.baseImage().map(r -> lastPart(r).equals("python") || lastPart(r).startsWith("python")).orElse(false);
  }

  private static String lastPart(ImageReference r) {
    return r.repository().substring(r.repository().lastIndexOf('/') + 1);
  }

  private static boolean usesPip(DockerfileTarget target, Stage stage) {
    return target.runs(stage).stream().anyMatch(r -> r.facts().facts(PackageOperation.class).stream().anyMatch(o -> o.manager() == PackageManager.PIP && o.isInstall()));
  }

  public PythonEnvMissing() {
    super("BW-D051", "Python image without PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED", Severity.INFO, Category.RUNTIME,
        "Bytecode written at run time fails on a read-only root filesystem (or litters it); buffered output loses the last"
            + " log lines when the container is killed.",
        "`ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1` in the runtime stage.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null || !(isPythonImage(last) || usesPip(target, last))) {
      return;
    }
    Map<String, String> env = last.finalState().env();
    List<String> missing = new java.util.ArrayList<>();
    for (String k : List.of("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")) {
      if (env.getOrDefault(k, "").isEmpty()) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      report.accept(finding("the Python runtime stage does not set " + String.join(" or ", missing), last.from().instruction().span(), last));
    }
  }
}
