package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.yaml.YamlException;
import java.nio.charset.StandardCharsets;

/**
 * YAML files as the scan reads them (UTF-8, malformed bytes replaced), and when they are Compose files, linted by every
 * Compose rule, each finding's span inside the text: a field of an unexpected shape (a mapping where a list of strings
 * belongs, a null, a number) is skipped, never an exception. Only {@link YamlException} may escape.
 */
class ComposeFuzzTest {
  private static final Linter<ComposeTarget> LINTER = ComposeRules.linter();

  static {
    Bounds.warmUp(() -> lint("services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n    volumes: [/:/host]\n"));
  }

  @FuzzTest
  void compose(byte[] input) {
    Bounds.check(() -> lint(new String(input, StandardCharsets.UTF_8)), YamlException.class);
  }

  private static void lint(String text) throws YamlException {
    ComposeTarget t = ComposeTarget.parse("compose.yaml", text);
    for (Finding f : LINTER.lint(t)) {
      if (f.span().startOffset() < 0 || f.span().endOffset() > text.length() || f.span().startOffset() > f.span().endOffset()) {
        throw new IllegalStateException(f.ruleId() + " span outside the text: " + f.span());
      }
    }
  }
}
