package dev.bulwark.lint.rules.language;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D028: development dependencies installed in the final image. */
public final class DevDependenciesInFinal extends DockerfileRule {
  public DevDependenciesInFinal() {
    super("BW-D028", "Development dependencies in the final image", Severity.LOW, Category.ATTACK_SURFACE,
        "Test runners, linters and build tools are code the app never runs in production but an attacker can; they add"
            + " hundreds of packages and their CVEs.",
        "`npm ci --omit=dev` (or NODE_ENV=production), `pip install -r requirements.txt` without the dev file, or build them"
            + " in a separate stage.",
        List.of());
    inPurpose(Purpose.BASE, null, "");
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      if (step.onbuild() || !step.inFinalStage()) { // what this image holds: ONBUILD triggers run in child builds
        continue;
      }
      Map<String, String> env = step.env();
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        var inv = op.invocation();
        if (op.manager() == PackageManager.NPM && (op.action().equals("ci") || (op.isInstall() && op.packages().isEmpty()))
            && !inv.hasFlag("--omit", "--production", "--only") && !"production".equals(inv.env().getOrDefault("NODE_ENV", env.get("NODE_ENV")))
            && !inv.hasFlag("-g", "--global")) {
          report.accept(finding("npm " + op.action() + " installs devDependencies (no --omit=dev)", inv.span(), step.stage()));
        }
        if (op.manager() == PackageManager.YARN && op.action().equals("install") && !inv.hasFlag("--production")
            && !"production".equals(env.get("NODE_ENV"))) {
          report.accept(finding("yarn install includes devDependencies (no --production)", inv.span(), step.stage()));
        }
        if (op.manager() == PackageManager.PIP && op.isInstall()) {
          String req = inv.flagValue("-r", "--requirement");
          if (req != null && req.matches("(?i).*(dev|test|lint).*")) {
            report.accept(finding("pip installs " + req + " into the final image", inv.flagSpan("-r", "--requirement"), step.stage()));
          }
        }
      }
    }
  }
}
