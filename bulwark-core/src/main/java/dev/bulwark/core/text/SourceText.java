package dev.bulwark.core.text;

import java.util.Arrays;

/** The decoded text of a file with a line index, so offsets can be turned into line/column. */
public final class SourceText {
  private final String text;
  private final int[] lineStarts;
  private final int lineCount;

  public SourceText(String text) {
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && i + 1 < text.length()) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = starts;
    this.lineCount = text.isEmpty() ? 0 : n;
  }

  public String text() {
    return text;
  }

  /** Number of physical lines; a trailing newline does not start a new line. */
  public int lineCount() {
    return lineCount;
  }

  /** Offset of the first char of 1-based {@code line}. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just past the end of 1-based {@code line}, including its line terminator. */
  public int lineEnd(int line) {
    return line < lineCount ? lineStarts[line] : text.length();
  }

  /** The 1-based line holding {@code offset}. */
  public int lineOf(int offset) {
    int idx = Arrays.binarySearch(lineStarts, 0, Math.max(lineCount, 1), offset);
    return idx >= 0 ? idx + 1 : -idx - 1;
  }

  public Span span(int startOffset, int endOffset) {
    int sl = lineOf(startOffset);
    int el = endOffset > startOffset ? lineOf(endOffset - 1) : sl;
    int sc = column(sl, startOffset);
    int ec = column(el, endOffset);
    if (endOffset <= startOffset) {
      ec = sc;
    }
    return new Span(sl, sc, el, ec, startOffset, endOffset);
  }

  /** 1-based column; a leading BOM is kept in the text (printing reproduces it) but takes no column. */
  private int column(int line, int offset) {
    int col = offset - lineStarts[line - 1] + 1;
    return line == 1 && offset > 0 && text.charAt(0) == '\uFEFF' ? col - 1 : col;
  }

  /** A span covering whole lines {@code first..last} without their final line terminator. */
  public Span lines(int first, int last) {
    int start = lineStart(first);
    int end = lineEnd(last);
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return span(start, end);
  }
}
