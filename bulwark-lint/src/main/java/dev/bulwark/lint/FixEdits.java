package dev.bulwark.lint;

import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.ShellCommand;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.dockerfile.shell.Word;
import java.util.List;

/**
 * Edits that rules attach to their findings, placed from the parsed tree's spans. Each returns
 * null when the place cannot be found exactly (a word split by a line continuation, a command
 * inside {@code sh -c '…'} with escapes, a script ending in a comment or a {@code fi}): then
 * the finding carries no fix rather than a guessed one.
 */
public final class FixEdits {
  private FixEdits() {}

  /** Where {@code w} was written, when the source there reads exactly as the word's raw text. */
  public static Span exactSpan(SourceText source, Word w) {
    Span s = w.span();
    String text = source.text();
    if (s.endOffset() > text.length() || s.endOffset() - s.startOffset() != w.raw().length()) {
      return null;
    }
    return text.regionMatches(s.startOffset(), w.raw(), 0, w.raw().length()) ? s : null;
  }

  /** Inserts {@code text} just after argument {@code index} of {@code inv} (e.g. {@code " --no-cache"} after {@code add}). */
  public static Edit insertAfterArg(SourceText source, Invocation inv, int index, String text) {
    if (index < 0 || index + 1 >= inv.words().size()) {
      return null;
    }
    Span s = exactSpan(source, inv.words().get(index + 1));
    return s == null ? null : Edit.insertAfter(s, text);
  }

  /** {@link #insertAfterArg} after the first argument equal to {@code arg}. */
  public static Edit insertAfterArg(SourceText source, Invocation inv, String arg, String text) {
    return insertAfterArg(source, inv, inv.args().indexOf(arg), text);
  }

  /**
   * Appends {@code text} (e.g. {@code " && rm -rf /var/lib/apt/lists/*"}) after the last command of
   * a shell-form RUN: only when that command is a plain simple command, not in the background,
   * followed by nothing but white space (no comment, {@code ;}, {@code fi} or heredoc body), and
   * the script parses. {@code a || b && c} groups as {@code (a || b) && c}, so the appended
   * command runs exactly when the script would have succeeded.
   */
  public static Edit appendToRun(SourceText source, DockerfileTarget.RunStep step, String text) {
    if (!(step.run().command() instanceof CommandLine.Shell sh) || !ShellParser.parse(sh.script(), sh.map()).ok()) {
      return null;
    }
    Script script = step.facts().script();
    if (script.items().isEmpty()) {
      return null;
    }
    Script.Item last = script.items().getLast();
    if (last.background()) {
      return null;
    }
    List<Script.Pipeline> pipelines = last.andOr().pipelines();
    List<ShellCommand> commands = pipelines.getLast().commands();
    if (!(commands.getLast() instanceof SimpleCommand sc) || sc.words().isEmpty() || sc.map() != sh.map()
        || sc.end() > sh.script().length() || !sh.script().substring(sc.end()).isBlank()) {
      return null;
    }
    Word lastWord = sc.words().getLast();
    if (!sc.redirects().isEmpty() || lastWord.end() != sc.end()) {
      return null;
    }
    Span s = exactSpan(source, lastWord);
    return s == null ? null : Edit.insertAfter(s, text);
  }
}
