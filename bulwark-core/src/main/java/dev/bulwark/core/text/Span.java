package dev.bulwark.core.text;

/**
 * A region of the source text. Lines and columns are 1-based; columns count UTF-16 chars
 * from the start of the line; {@code endColumn} is exclusive. Offsets index the decoded text.
 */
public record Span(int startLine, int startColumn, int endLine, int endColumn, int startOffset, int endOffset) {

  /** The empty span at the start of a file, for diagnostics that concern the whole input. */
  public static final Span START = new Span(1, 1, 1, 1, 0, 0);

  /** The span from the start of this one to the end of {@code last} (which must not start before it). */
  public Span to(Span last) {
    return new Span(startLine, startColumn, last.endLine, last.endColumn, startOffset, last.endOffset);
  }

  public boolean contains(int line) {
    return line >= startLine && line <= endLine;
  }

  @Override
  public String toString() {
    return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
  }
}
