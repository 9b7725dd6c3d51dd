package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.compose.ComposeException;
import dev.bulwark.compose.ComposeProject;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Location;
import dev.bulwark.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compose projects as the scan reads them: the input is a Compose file, then (after a NUL byte) an
 * override file, then (after another) a {@code .env}; each file is loaded, interpolated from the
 * {@code .env} and a fixed environment, merged, and every file's target linted by every Compose rule,
 * each finding's span inside its own file's text. {@code extends: {file: x}} reads the override's
 * text as {@code x}. Only {@link ComposeException} may escape. {@link #compose} reads one file as
 * written (what rule cases see): a field of an unexpected shape (a mapping where a list of strings
 * belongs, a null, a number) is skipped by every rule, never an exception; only {@link YamlException}
 * may escape.
 */
class ComposeFuzzTest {
  private static final Linter<ComposeTarget> LINTER = ComposeRules.linter();
  private static final Map<String, String> ENV = Map.of("TAG", "1.2", "EMPTY", "", "BIG", "x".repeat(4096), "PRIV", "true");

  static {
    Bounds.warmUp(() -> lint("services:\n  web:\n    image: \"nginx:${TAG:-latest}\"\n    privileged: ${PRIV}\n\0services: {db: {image: d}}\n\0A=1\n"));
  }

  @FuzzTest
  void project(byte[] input) {
    Bounds.check(() -> lint(new String(input, StandardCharsets.UTF_8)), ComposeException.class);
  }

  @FuzzTest
  void compose(byte[] input) {
    Bounds.check(() -> lintOne(new String(input, StandardCharsets.UTF_8)), YamlException.class);
  }

  private static void lintOne(String text) throws YamlException {
    ComposeTarget t = ComposeTarget.parse("compose.yaml", text);
    for (Finding f : LINTER.lint(t)) {
      if (f.span().startOffset() < 0 || f.span().endOffset() > text.length() || f.span().startOffset() > f.span().endOffset()) {
        throw new IllegalStateException(f.ruleId() + " span outside the text: " + f.span());
      }
    }
  }

  private static void lint(String input) throws ComposeException {
    String[] parts = input.split("\0", 3);
    List<ComposeProject.Source> files = new ArrayList<>();
    files.add(new ComposeProject.Source("compose.yaml", parts[0]));
    if (parts.length > 1) {
      files.add(new ComposeProject.Source("compose.override.yaml", parts[1]));
    }
    ComposeProject.Source dotEnv = parts.length > 2 ? new ComposeProject.Source(".env", parts[2]) : null;
    String other = parts.length > 1 ? parts[1] : "";
    ComposeProject p = ComposeProject.load(files, ENV, dotEnv, (from, file) -> {
      if (file.length() > 64) {
        throw new IOException("no such file");
      }
      return new ComposeProject.Source(file, other);
    });
    for (ComposeTarget t : p.targets()) {
      String text = t.source().text();
      for (Finding f : LINTER.lint(t)) {
        if (f.location() instanceof Location.Text l && l.file() != null) {
          throw new IllegalStateException(f.ruleId() + " kept a finding of another file: " + l.file());
        }
        if (f.span().startOffset() < 0 || f.span().endOffset() > text.length() || f.span().startOffset() > f.span().endOffset()) {
          throw new IllegalStateException(f.ruleId() + " span outside the text: " + f.span());
        }
      }
    }
  }
}
