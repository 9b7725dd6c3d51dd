package dev.bulwark.core.fix;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applying edits to a decoded text. Everything outside the edits' spans is copied char for char,
 * so line endings, tabs, a BOM and heredoc bodies keep their form unless an edit covers them.
 */
public final class Edits {
  /** By start, then end, so an insertion goes before a replacement starting at the same offset. */
  private static final Comparator<Edit> BY_OFFSET = Comparator.comparingInt(Edit::startOffset).thenComparingInt(Edit::endOffset);

  private Edits() {}

  /**
   * {@code source} with every edit applied. Edits may come in any order; insertions at the same
   * offset keep the order given. Refuses overlapping edits, edits outside the text and edits
   * that split a surrogate pair.
   */
  public static String apply(String source, List<Edit> edits) {
    if (edits.isEmpty()) {
      return source;
    }
    List<Edit> sorted = sorted(edits);
    StringBuilder out = new StringBuilder(source.length() + 64);
    int at = 0;
    for (Edit e : sorted) {
      checkFits(source, e);
      out.append(source, at, e.startOffset()).append(e.replacement());
      at = e.endOffset();
    }
    return out.append(source, at, source.length()).toString();
  }

  public static String apply(SourceText source, List<Edit> edits) {
    return apply(source.text(), edits);
  }

  /**
   * Applies as many of {@code fixes} as can go together: in the order given, a fix is applied
   * unless one of its edits overlaps an edit of a fix applied before it, in which case the whole
   * fix is skipped. An edit identical to one already taken (same offsets and text, as two findings
   * asking for the same line) counts as done rather than as a conflict. Edits outside the text are
   * a caller's bug and throw, as in {@link #apply(String, List)}.
   */
  public static FixResult applyFixes(String source, List<Fix> fixes) {
    List<Edit> taken = new ArrayList<>();
    List<Fix> applied = new ArrayList<>();
    List<Fix> skipped = new ArrayList<>();
    for (Fix fix : fixes) {
      List<Edit> fresh = new ArrayList<>();
      boolean conflict = false;
      for (Edit e : fix.edits()) {
        checkFits(source, e);
        if (taken.stream().anyMatch(t -> sameChange(t, e))) {
          continue;
        }
        if (taken.stream().anyMatch(t -> t.overlaps(e))) {
          conflict = true;
          break;
        }
        fresh.add(e);
      }
      if (conflict) {
        skipped.add(fix);
      } else {
        taken.addAll(fresh);
        applied.add(fix);
      }
    }
    return new FixResult(apply(source, taken), applied, skipped);
  }

  public static FixResult applyFixes(SourceText source, List<Fix> fixes) {
    return applyFixes(source.text(), fixes);
  }

  /**
   * The span of {@code startOffset..endOffset} in {@code source}, for callers that know only
   * offsets; refuses offsets outside the text (which {@link SourceText#span} does not check).
   */
  public static Span span(SourceText source, int startOffset, int endOffset) {
    int length = source.text().length();
    if (startOffset < 0 || endOffset < startOffset || endOffset > length) {
      throw new InvalidEditException("offsets " + startOffset + ".." + endOffset + " are not a range of a text of " + length + " chars");
    }
    return source.span(startOffset, endOffset);
  }

  /** Edits sorted by offset (stable, so same-offset insertions keep their order); refuses overlaps. */
  static List<Edit> sorted(List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(BY_OFFSET);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).overlaps(sorted.get(i))) {
        throw new OverlappingEditsException(sorted.get(i - 1), sorted.get(i));
      }
    }
    return List.copyOf(sorted);
  }

  /** "3:5-3:9 (offsets 40..44)": lines for people, offsets because they are what is applied. */
  static String describe(Span span) {
    return span + " (offsets " + span.startOffset() + ".." + span.endOffset() + ")";
  }

  private static boolean sameChange(Edit a, Edit b) {
    return a.startOffset() == b.startOffset() && a.endOffset() == b.endOffset() && a.replacement().equals(b.replacement());
  }

  private static void checkFits(String source, Edit e) {
    if (e.endOffset() > source.length()) {
      throw new InvalidEditException("edit " + describe(e.span()) + " is outside the text, which ends at offset " + source.length());
    }
    if (splitsPair(source, e.startOffset()) || splitsPair(source, e.endOffset())) {
      throw new InvalidEditException("edit " + describe(e.span()) + " splits a surrogate pair");
    }
  }

  /** An offset between the two halves of one code point, which no UTF-8 encoding could keep. */
  private static boolean splitsPair(String s, int offset) {
    return offset > 0 && offset < s.length() && Character.isHighSurrogate(s.charAt(offset - 1)) && Character.isLowSurrogate(s.charAt(offset));
  }
}
