package dev.bulwark.core.fix;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.Objects;

/**
 * Replace the text of {@code span} with {@code replacement}. Only the span's offsets matter for
 * applying; its lines and columns are for showing the edit. An empty span is an insertion, an
 * empty replacement a deletion. Offsets index the decoded text, like every {@link Span}.
 */
public record Edit(Span span, String replacement) {

  public Edit {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(replacement, "replacement");
    if (span.startOffset() < 0 || span.endOffset() < span.startOffset()) {
      throw new InvalidEditException("edit span " + Edits.describe(span) + " is not a range of offsets");
    }
  }

  public static Edit replace(Span span, String replacement) {
    return new Edit(span, replacement);
  }

  public static Edit delete(Span span) {
    return new Edit(span, "");
  }

  /** Inserts {@code text} just before {@code span} (e.g. a new line before an instruction's extent). */
  public static Edit insertBefore(Span span, String text) {
    return new Edit(new Span(span.startLine(), span.startColumn(), span.startLine(), span.startColumn(), span.startOffset(), span.startOffset()), text);
  }

  /** Inserts {@code text} just after {@code span}. */
  public static Edit insertAfter(Span span, String text) {
    return new Edit(new Span(span.endLine(), span.endColumn(), span.endLine(), span.endColumn(), span.endOffset(), span.endOffset()), text);
  }

  /** For callers that know only offsets: the span's lines and columns come from {@code source}. */
  public static Edit replace(SourceText source, int startOffset, int endOffset, String replacement) {
    return new Edit(Edits.span(source, startOffset, endOffset), replacement);
  }

  public static Edit delete(SourceText source, int startOffset, int endOffset) {
    return replace(source, startOffset, endOffset, "");
  }

  public static Edit insert(SourceText source, int offset, String text) {
    return replace(source, offset, offset, text);
  }

  public int startOffset() {
    return span.startOffset();
  }

  public int endOffset() {
    return span.endOffset();
  }

  public boolean isInsertion() {
    return span.startOffset() == span.endOffset();
  }

  public boolean isDeletion() {
    return replacement.isEmpty() && !isInsertion();
  }

  /**
   * True when the two cannot both be applied: their ranges share a char, or one inserts strictly
   * inside the other's range. Adjacent edits and insertions at the same offset do not conflict.
   */
  public boolean overlaps(Edit other) {
    return startOffset() < other.endOffset() && other.startOffset() < endOffset();
  }
}
