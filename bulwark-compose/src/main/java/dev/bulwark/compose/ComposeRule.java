package dev.bulwark.compose;

import dev.bulwark.core.Category;
import dev.bulwark.core.Severity;
import dev.bulwark.core.TextRule;
import java.util.List;

/** A Compose rule: its metadata in its constructor and its check over a Compose file; findings are named by their service. */
public abstract class ComposeRule extends TextRule<ComposeTarget> {

  protected ComposeRule(String id, String title, Severity severity, Category category, String rationale, String fix,
      List<String> aliases, String... references) {
    super(id, title, severity, category, rationale, fix, aliases, references);
  }
}
