package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.context.BuildContext;
import java.util.List;
import java.util.function.Consumer;

/** BW-I003: the .git directory is sent and copied. */
public final class GitDirSent extends DockerfileRule {
  public GitDirSent() {
    super("BW-I003", ".git directory copied into the image", Severity.MEDIUM, Category.SECRETS,
        "The .git directory holds the full history, including files deleted long ago (often secrets), remote URLs with"
            + " tokens, and unreleased code.",
        "Add `.git` to .dockerignore.", List.of());
  }

  /** Whether a context sends .git/: the same for every Dockerfile that copies it, so computed once. */
  private static final class Sent extends BuildContext.Derived<Boolean> {
    @Override
    protected Boolean compute(BuildContext context) {
      return context.entries().contains(".git/") && !context.excludes(".git");
    }
  }

  private static final Sent SENT = new Sent();

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    target.contextCopy().ifPresent(s -> {
      if (s.context().get(SENT)) {
        report.accept(finding("COPY of the whole context includes .git/", s.copy().instruction().span(), null));
      }
    });
  }
}
