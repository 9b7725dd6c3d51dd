package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;

/**
 * Maps offsets in a derived text (a RUN's script, the string of {@code sh -c '…'}, a heredoc
 * body) back to the Dockerfile, so a shell word knows where it was written.
 */
// The maps are named records, not lambdas: a lambda not seen by the AOT training run is spun into a
// class at run time, which a one-file scan pays for in start-up time.
public interface SourceMap {

  /** For text parsed on its own: offsets are columns of one line. */
  SourceMap NONE = new OneLine();

  /** The source span of derived-text offsets {@code [start, end)}. */
  Span span(int start, int end);

  /** Text that is a verbatim copy of the source from {@code base} on. */
  static SourceMap verbatim(SourceText source, int base) {
    return new Verbatim(source, base);
  }

  /** Every offset maps to {@code whole}: for text whose chars cannot be traced one by one. */
  static SourceMap constant(Span whole) {
    return new Constant(whole);
  }

  /** Text that starts at offset {@code base} of the text this map describes. */
  default SourceMap shifted(int base) {
    return base == 0 ? this : new Shifted(this, base);
  }

  /**
   * Text whose char {@code i} is char {@code offsets[i]} of the text this map describes (quote
   * removal keeps chars but drops the quotes); offsets past the end map just past the last char.
   */
  default SourceMap through(int[] offsets) {
    return new Through(this, offsets);
  }

  /** {@link #NONE}. */
  record OneLine() implements SourceMap {
    @Override
    public Span span(int start, int end) {
      return new Span(1, start + 1, 1, Math.max(start, end) + 1, start, Math.max(start, end));
    }
  }

  /** {@link #verbatim}. */
  record Verbatim(SourceText source, int base) implements SourceMap {
    @Override
    public Span span(int start, int end) {
      return source.span(base + start, base + Math.max(start, end));
    }
  }

  /** {@link #constant}. */
  record Constant(Span whole) implements SourceMap {
    @Override
    public Span span(int start, int end) {
      return whole;
    }
  }

  /** {@link #shifted}. */
  record Shifted(SourceMap inner, int base) implements SourceMap {
    @Override
    public Span span(int start, int end) {
      return inner.span(base + start, base + end);
    }
  }

  /** {@link #through}. */
  record Through(SourceMap inner, int[] offsets) implements SourceMap {
    @Override
    public Span span(int start, int end) {
      int n = offsets.length;
      if (n == 0) {
        return inner.span(0, 0);
      }
      int s = start < n ? offsets[start] : offsets[n - 1] + 1;
      int e = end > start && end <= n ? offsets[end - 1] + 1 : s;
      return inner.span(s, Math.max(s, e));
    }
  }
}
