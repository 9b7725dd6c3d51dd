package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
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

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    target.contextCopy().ifPresent(s -> {
      if (s.context().entries().contains(".git/") && !s.context().excludes(".git")) {
        report.accept(finding("COPY of the whole context includes .git/", s.copy().instruction().span(), null));
      }
    });
  }
}
