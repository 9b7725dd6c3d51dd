package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-I001: COPY . with no .dockerignore at all. */
public final class NoDockerignore extends DockerfileRule {
  public NoDockerignore() {
    super("BW-I001", "Whole build context copied without a .dockerignore", Severity.MEDIUM, Category.SECRETS,
        "`COPY . .` with no .dockerignore sends and bakes in everything in the directory: .git history, local .env files,"
            + " keys, caches and build output. One careless file in the working tree ships in the image.",
        "Add a .dockerignore that starts from `**` and re-includes what the build needs (`!src/`, `!go.mod`), or at least"
            + " excludes `.git`, `.env*`, `*.pem`, `*.key` and build/cache directories.",
        List.of());
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    target.contextCopy().filter(s -> s.context().ignore() == null).ifPresent(s -> report.accept(
        finding("the whole build context is copied and there is no .dockerignore", s.copy().instruction().span(), null)));
  }
}
