package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.Arrays;

/**
 * An instruction's text after BuildKit joined its continuation lines, with a map from each
 * char back to its offset in the source so findings can point at the exact column.
 */
public final class LogicalLine {
  private final String text;
  // segment i covers logical [segStart[i], segStart[i+1]) and starts at source offset srcStart[i]
  private final int[] segStart;
  private final int[] srcStart;

  LogicalLine(String text, int[] segStart, int[] srcStart) {
    this.text = text;
    this.segStart = segStart;
    this.srcStart = srcStart;
  }

  public String text() {
    return text;
  }

  /** Source offset of logical char {@code index} ({@code index == length} maps past the end). */
  public int sourceOffset(int index) {
    if (segStart.length == 0) {
      return 0;
    }
    if (index >= text.length() && text.length() > 0) {
      return sourceOffset(text.length() - 1) + 1;
    }
    int i = Arrays.binarySearch(segStart, index);
    if (i < 0) {
      i = -i - 2;
    }
    return srcStart[i] + (index - segStart[i]);
  }

  /** The logical offset of source offset {@code offset}, which must lie on this line. */
  public int logicalOffset(int offset) {
    int i = Arrays.binarySearch(srcStart, offset);
    if (i < 0) {
      i = Math.max(0, -i - 2);
    }
    return segStart.length == 0 ? 0 : segStart[i] + (offset - srcStart[i]);
  }

  /** Logical offsets to source spans. */
  public SourceMap map(SourceText source) {
    return new Mapped(this, source);
  }

  /** {@link #map}: a named class rather than a lambda (see SourceMap). */
  private record Mapped(LogicalLine line, SourceText source) implements SourceMap {
    @Override
    public Span span(int start, int end) {
      int s = line.sourceOffset(start);
      return source.span(s, end > start ? line.sourceOffset(end - 1) + 1 : s);
    }
  }

  /** Builds a logical line from source pieces. */
  static final class Builder {
    private final StringBuilder sb = new StringBuilder();
    private int[] seg = new int[4];
    private int[] src = new int[4];
    private int n;

    void append(String piece, int sourceOffset) {
      if (piece.isEmpty()) {
        return;
      }
      if (n == seg.length) {
        seg = Arrays.copyOf(seg, n * 2);
        src = Arrays.copyOf(src, n * 2);
      }
      seg[n] = sb.length();
      src[n] = sourceOffset;
      n++;
      sb.append(piece);
    }

    String text() {
      return sb.toString();
    }

    LogicalLine build() {
      return new LogicalLine(sb.toString(), Arrays.copyOf(seg, n), Arrays.copyOf(src, n));
    }
  }
}
