package dev.bulwark.lint.rules.language;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D050: multi-stage Python builds that install into the system site-packages. */
public final class PythonNoVenv extends DockerfileRule {
  public PythonNoVenv() {
    super("BW-D050", "Python dependencies installed without a virtualenv in a multi-stage build", Severity.LOW, Category.ATTACK_SURFACE,
        "Without a venv the build stage's packages are scattered over the system site-packages, so the runtime stage"
            + " ends up copying the whole interpreter tree (or the build tools) instead of one directory.",
        "Build into a venv and copy only it: `RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r"
            + " requirements.txt`, then `COPY --from=build /opt/venv /opt/venv` and `ENV PATH=/opt/venv/bin:$PATH`.",
        List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    if (!target.model().isMultiStage()) {
      return;
    }
    for (RunStep step : target.runs()) {
      if (step.inFinalStage()) {
        continue;
      }
      boolean venv = step.stage().finalState().env().getOrDefault("VIRTUAL_ENV", "").length() > 0
          || step.stage().finalState().env().getOrDefault("PATH", "").contains("venv")
          || step.facts().invocations().stream().anyMatch(i -> i.args().contains("venv") || i.name().equals("virtualenv")
              || i.name().equals("uv") || i.name().equals("poetry") || i.name().equals("pipenv") || i.command().name().contains("venv"));
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.manager() == PackageManager.PIP && op.isInstall() && !venv && !op.invocation().hasFlag("--target", "-t", "--prefix", "--user")) {
          report.accept(finding("pip installs into the system site-packages of a build stage; use a venv", op.invocation().span(), step.stage()));
        }
      }
    }
  }
}
