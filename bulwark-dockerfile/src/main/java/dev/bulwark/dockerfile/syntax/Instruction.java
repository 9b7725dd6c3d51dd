package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;

import java.util.List;

/**
 * One Dockerfile instruction as BuildKit's parser sees it.
 *
 * <p>{@code command} is the keyword in lower case ({@code run}). {@code args} mirrors BuildKit's node chain: the words after the flags as the instruction's
 * line parser split them (key/value pairs for ENV and LABEL, the type then the command for
 * HEALTHCHECK, one string for shell form). {@code json} is true for exec (JSON array) form.
 * {@code child} is the wrapped instruction of ONBUILD.
 */
public record Instruction(
    String keyword,
    String command,
    List<Flag> flags,
    List<String> args,
    boolean json,
    Instruction child,
    String rest,
    List<Heredoc> heredocs,
    List<String> comments,
    LogicalLine line,
    Span span,
    Span extent,
    SourceText source)
    implements Element {

  public int startLine() {
    return span.startLine();
  }

  public int endLine() {
    return span.endLine();
  }

  /** The value of the first flag named {@code name}, or null. */
  public String flag(String name) {
    for (Flag f : flags) {
      if (f.name().equals(name)) {
        return f.value() == null ? "" : f.value();
      }
    }
    return null;
  }

  /** The logical line as written (continuations joined), e.g. {@code RUN apt-get update}. */
  public String original() {
    return line.text();
  }

  /**
   * The source span of the first occurrence of {@code needle} in the logical line at or after
   * the instruction's arguments, or the instruction's own span when it is not there.
   */
  public Span locate(String needle) {
    String text = line.text();
    int from = Math.max(0, text.length() - rest.length() - trailingSpace(text));
    int at = needle.isEmpty() ? -1 : text.indexOf(needle, Math.min(from, text.length()));
    if (at < 0) {
      at = needle.isEmpty() ? -1 : text.indexOf(needle);
    }
    if (at < 0) {
      return span;
    }
    int start = line.sourceOffset(at);
    int end = line.sourceOffset(at + needle.length() - 1) + 1;
    return source.span(start, end);
  }

  private static int trailingSpace(String text) {
    int n = 0;
    for (int i = text.length() - 1; i >= 0 && Character.isWhitespace(text.charAt(i)); i--) {
      n++;
    }
    return n;
  }
}
