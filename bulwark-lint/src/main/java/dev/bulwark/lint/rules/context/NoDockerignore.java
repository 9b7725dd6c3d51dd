package dev.bulwark.lint.rules.context;

import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.context.BuildContext;
import java.util.List;
import java.util.function.Consumer;

/** BW-I001: COPY . with no .dockerignore at all. */
public final class NoDockerignore extends DockerfileRule {
  public NoDockerignore() {
    super("BW-I001", "Whole build context copied without a .dockerignore", Severity.MEDIUM, Category.SECRETS,
        "`COPY . .` with no .dockerignore sends and bakes in everything in the directory: .git history, local .env files,"
            + " keys, caches and build output. One careless file in the working tree ships in the image. The context is the one a"
            + " Compose file of the project gives the Dockerfile, else the nearest folder that holds its COPY sources, else its"
            + " own folder; the message says which.",
        "Add a .dockerignore that starts from `**` and re-includes what the build needs (`!src/`, `!go.mod`), or at least"
            + " excludes `.git`, `.env*`, `*.pem`, `*.key` and build/cache directories.",
        List.of());
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    DockerfileTarget.ContextCopy copy = target.contextCopy().orElse(null);
    if (copy == null || copy.context().ignore() != null) {
      return;
    }
    BuildContext context = copy.context();
    String assumed = context.assumed() == null ? "" : " (context: " + context.assumed() + ")";
    Stage stage = target.stageOf(copy.copy().instruction());
    if (stage != null && !target.inFinalImage(stage)) {
      // a build stage's copy: what it builds ships, the context only reaches the builder (and its cache)
      report.accept(finding("the whole build context is copied into build stage '" + stage.displayName()
          + "' and there is no .dockerignore" + assumed + ": everything reaches the builder, only what it builds ships",
          copy.copy().instruction().span(), stage).withSeverity(Severity.LOW));
      return;
    }
    if (context.ignoreElsewhere() != null) {
      // `COPY . .` alone does not say where the build runs from; a project with a .dockerignore higher up
      // most likely builds from there (`docker build -f sub/Dockerfile .`), and then nothing is missing
      report.accept(finding("the whole build context is copied and there is no .dockerignore" + assumed + "; if it is built from"
          + " the directory of " + context.ignoreElsewhere() + ", that file applies (nothing in the Dockerfile or a Compose file"
          + " pins the context)", copy.copy().instruction().span(), null).withSeverity(Severity.LOW));
      return;
    }
    if (!context.truncated() && !context.entries().contains(".git/") && SecretsSent.leaked(context).isEmpty()) {
      // nothing it holds now is a secret or history (BW-I002 and BW-I003 would say so): a missing guard, not a leak
      report.accept(finding("the whole build context is copied and there is no .dockerignore" + assumed + "; nothing in it now is a"
          + " secret-looking file or .git (" + context.entries().size() + " entries), but whatever is added later ships",
          copy.copy().instruction().span(), null).withSeverity(Severity.LOW));
      return;
    }
    report.accept(finding("the whole build context is copied and there is no .dockerignore" + assumed, copy.copy().instruction().span(), null));
  }
}
