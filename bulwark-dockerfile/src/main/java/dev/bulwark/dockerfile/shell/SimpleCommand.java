package dev.bulwark.dockerfile.shell;

import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.syntax.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code VAR=value cmd arg... >redirect}: leading assignments, the words (command name first)
 * and redirections. {@code start}/{@code end} are offsets in the parsed script, {@code map}
 * takes them to the Dockerfile.
 */
public record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, int start, int end, SourceMap map)
    implements ShellCommand {

  /** Where the whole command (assignments and redirections included) was written. */
  public Span span() {
    return map.span(start, end);
  }

  /** {@code NAME=value} or {@code NAME+=value} before the command name. */
  public record Assignment(String name, Word value) {}

  /** The command name after quote removal, or "" for a bare assignment. */
  public String name() {
    return words.isEmpty() ? "" : words.getFirst().value();
  }

  /** All words' values (command name first), quotes removed, expansions as written. */
  public List<String> argv() {
    List<String> out = new ArrayList<>(words.size());
    for (Word w : words) {
      out.add(w.value());
    }
    return out;
  }

  @Override
  public List<Script> children() {
    return List.of();
  }

  /** Substitutions inside this command's words are commands too ({@code $(curl ...)}). */
  @Override
  public void visit(Consumer<SimpleCommand> visitor) {
    visitor.accept(this);
    for (Assignment a : assignments) {
      visitParts(a.value(), visitor);
    }
    for (Word w : words) {
      visitParts(w, visitor);
    }
  }

  private static void visitParts(Word w, Consumer<SimpleCommand> visitor) {
    for (WordPart p : w.parts()) {
      if (p instanceof WordPart.CommandSubstitution cs) {
        cs.script().visit(visitor);
      }
    }
  }
}
