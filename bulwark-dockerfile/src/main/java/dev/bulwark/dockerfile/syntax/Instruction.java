package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;

import java.util.List;

/**
 * One Dockerfile instruction as BuildKit's parser sees it.
 *
 * <p>{@code command} is the keyword in lower case ({@code run}). {@code args} mirrors BuildKit's node chain: the words after the flags as the instruction's
 * line parser split them (key/value pairs for ENV and LABEL, the type then the command for
 * HEALTHCHECK, one string for shell form); {@code argSpans} says where each was written (a JSON
 * element with its quotes). {@code json} is true for exec (JSON array) form.
 * {@code child} is the wrapped instruction of ONBUILD. {@code rest} (the text after the flags)
 * starts at offset {@code restOffset} of the logical line.
 */
public record Instruction(
    String keyword,
    String command,
    List<Flag> flags,
    List<String> args,
    List<Span> argSpans,
    boolean json,
    Instruction child,
    String rest,
    int restOffset,
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

  /** The first flag named {@code name}, or null. */
  public Flag flagNamed(String name) {
    for (Flag f : flags) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Where argument {@code index} was written; the instruction's span when there is no such argument. */
  public Span argSpan(int index) {
    return index >= 0 && index < argSpans.size() ? argSpans.get(index) : span;
  }

  /** Where the last argument was written (COPY's destination). */
  public Span lastArgSpan() {
    return argSpan(argSpans.size() - 1);
  }

  /** Where the keyword was written. */
  public Span keywordSpan() {
    return source.span(span.startOffset(), span.startOffset() + keyword.length());
  }

  /**
   * Chars {@code [from, to)} of the text written at {@code written} (an argument or flag of
   * this instruction), as a source span that follows line continuations.
   */
  public Span subSpan(Span written, int from, int to) {
    int base = line.logicalOffset(written.startOffset());
    int length = line.logicalOffset(Math.max(written.startOffset(), written.endOffset() - 1)) + 1 - base;
    return sourceMap().span(base + Math.min(from, length), base + Math.min(Math.max(from, to), length));
  }

  /** Logical-line offsets to source spans. */
  public SourceMap sourceMap() {
    return line.map(source);
  }

  /** Offsets in {@link #rest()} (a shell-form command) to source spans. */
  public SourceMap restMap() {
    return sourceMap().shifted(restOffset);
  }
}
