package dev.bulwark.lint;

import java.util.function.Consumer;

/** A rule: data ({@link #info()}) plus a predicate over the analyzed Dockerfile. */
public interface Rule {

  RuleInfo info();

  /** Reports every occurrence in {@code target} to {@code report}. Pure: no I/O. */
  void check(DockerfileTarget target, Consumer<Finding> report);
}
