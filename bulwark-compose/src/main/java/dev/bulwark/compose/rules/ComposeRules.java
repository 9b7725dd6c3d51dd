package dev.bulwark.compose.rules;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.service.Privileged;
import dev.bulwark.core.Linter;
import java.util.List;

/** Every Compose rule, in id order. */
public final class ComposeRules {
  private static final List<ComposeRule> ALL = List.of(new Privileged());

  private ComposeRules() {}

  public static List<ComposeRule> all() {
    return ALL;
  }

  public static Linter<ComposeTarget> linter() {
    return new Linter<>(ALL);
  }
}
