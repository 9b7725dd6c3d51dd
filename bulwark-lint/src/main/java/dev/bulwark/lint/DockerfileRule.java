package dev.bulwark.lint;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Rule;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.Stage;
import java.util.List;

/**
 * A Dockerfile rule: all of its metadata given once, in its constructor (id, title, severity,
 * category, why it matters, how to fix it, other tools' ids, docs links), and its check.
 */
public abstract class DockerfileRule implements Rule<DockerfileTarget> {
  private RuleInfo info; // set in constructors only: rules are built once, by the registry's static init

  protected DockerfileRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    this.info = new RuleInfo(id, title, severity, category, rationale, fix, List.copyOf(aliases), List.of(references));
  }

  /**
   * In a {@code purpose} target (a base image, a dev container, a test fixture) this rule's findings
   * are at most {@code severity}, or not reported when it is null; {@code note} says why in the message.
   * For constructors only.
   */
  protected final void inPurpose(Purpose purpose, Severity severity, String note) {
    info = info.withPurpose(purpose, severity, note);
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  /** A finding of this rule at {@code span}, in {@code stage} (null, or the implicit stage before any FROM: the whole file). */
  protected final Finding finding(String message, Span span, Stage stage) {
    return finding(info, message, span, stage);
  }

  /** A finding as {@link #finding(String, Span, Stage)}, graded by {@code as}: this rule with other purpose adjustments. */
  protected final Finding finding(RuleInfo as, String message, Span span, Stage stage) {
    return Finding.of(as, message, span, stage == null || stage.isImplicit() ? null : stage.displayName());
  }
}
