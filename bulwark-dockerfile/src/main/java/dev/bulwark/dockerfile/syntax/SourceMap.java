package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;

/**
 * Maps offsets in a derived text (a RUN's script, the string of {@code sh -c '…'}, a heredoc
 * body) back to the Dockerfile, so a shell word knows where it was written.
 */
@FunctionalInterface
public interface SourceMap {

  /** For text parsed on its own: offsets are columns of one line. */
  SourceMap NONE = (start, end) -> new Span(1, start + 1, 1, Math.max(start, end) + 1, start, Math.max(start, end));

  /** The source span of derived-text offsets {@code [start, end)}. */
  Span span(int start, int end);

  /** Text that is a verbatim copy of the source from {@code base} on. */
  static SourceMap verbatim(SourceText source, int base) {
    return (start, end) -> source.span(base + start, base + Math.max(start, end));
  }

  /** Every offset maps to {@code whole}: for text whose chars cannot be traced one by one. */
  static SourceMap constant(Span whole) {
    return (start, end) -> whole;
  }

  /** Text that starts at offset {@code base} of the text this map describes. */
  default SourceMap shifted(int base) {
    return base == 0 ? this : (start, end) -> span(base + start, base + end);
  }

  /**
   * Text whose char {@code i} is char {@code offsets[i]} of the text this map describes (quote
   * removal keeps chars but drops the quotes); offsets past the end map just past the last char.
   */
  default SourceMap through(int[] offsets) {
    return (start, end) -> {
      int n = offsets.length;
      if (n == 0) {
        return span(0, 0);
      }
      int s = start < n ? offsets[start] : offsets[n - 1] + 1;
      int e = end > start && end <= n ? offsets[end - 1] + 1 : s;
      return span(s, Math.max(s, e));
    };
  }
}
