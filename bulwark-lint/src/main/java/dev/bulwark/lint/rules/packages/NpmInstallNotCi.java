package dev.bulwark.lint.rules.packages;

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

/** BW-D027: npm install where npm ci would honour the lock file. */
public final class NpmInstallNotCi extends DockerfileRule {
  public NpmInstallNotCi() {
    super("BW-D027", "npm install instead of npm ci", Severity.LOW, Category.SUPPLY_CHAIN,
        "`npm install` may resolve newer versions than package-lock.json records and rewrites the lock file; the image"
            + " then runs dependencies nobody reviewed.",
        "Copy package.json and package-lock.json, then `RUN npm ci --omit=dev`.", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.manager() == PackageManager.NPM && (op.action().equals("install") || op.action().equals("i")) && op.packages().isEmpty()
            && !op.invocation().hasFlag("-g", "--global")) {
          report.accept(finding("npm install of the project's dependencies: use npm ci", op.invocation().span(), step.stage()));
        }
      }
    }
  }
}
