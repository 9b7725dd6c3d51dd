package dev.bulwark.lint;

import java.util.function.Consumer;

/** A rule over a built image (BW-M…): data plus a predicate, like {@link Rule}. */
public interface ImageRule {

  RuleInfo info();

  void check(ImageTarget target, Consumer<Finding> report);
}
