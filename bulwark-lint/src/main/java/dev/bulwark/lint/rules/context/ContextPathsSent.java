package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Messages;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.context.BuildContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rule about paths of the build context that a whole-context COPY sends into the image although
 * they should stay out: one finding at that COPY, listing them. Subclasses say which paths.
 */
abstract class ContextPathsSent extends DockerfileRule {
  ContextPathsSent(String id, String title, Severity severity, Category category, String rationale, String fix) {
    super(id, title, severity, category, rationale, fix, List.of());
  }

  /** The offending paths of a context: the same for every Dockerfile that copies it, so a derived value computed once. */
  protected abstract BuildContext.Derived<List<String>> offending();

  @Override
  public final void check(DockerfileTarget target, Consumer<Finding> report) {
    target.contextCopy().ifPresent(s -> {
      List<String> paths = s.context().get(offending());
      if (!paths.isEmpty()) {
        report.accept(finding("COPY of the whole context includes " + Messages.listSome(paths), s.copy().instruction().span(), null));
      }
    });
  }
}
