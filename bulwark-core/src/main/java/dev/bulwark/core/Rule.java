package dev.bulwark.core;

import java.util.function.Consumer;

/**
 * A rule: its metadata ({@link #info()}) and a check over one kind of target (a Dockerfile, an
 * image, a Compose file…). The same engine, {@link Linter}, runs rules of every kind.
 */
public interface Rule<T extends Target> {

  RuleInfo info();

  /** Reports every occurrence in {@code target} to {@code report}. Pure: no I/O. */
  void check(T target, Consumer<Finding> report);
}
