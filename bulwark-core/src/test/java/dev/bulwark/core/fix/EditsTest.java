package dev.bulwark.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditsTest {
  private static final String TEXT = "FROM alpine\nRUN apk add curl\n";
  private static final SourceText SRC = new SourceText(TEXT);

  private static Edit at(int start, int end, String replacement) {
    return Edit.replace(SRC, start, end, replacement);
  }

  @Test
  void noEditsGivesTheSameString() {
    assertThat(Edits.apply(TEXT, List.of())).isSameAs(TEXT);
    assertThat(Edits.apply(SRC, List.of())).isSameAs(TEXT);
  }

  @Test
  void replaceInsertDelete() {
    int curl = TEXT.indexOf("curl");
    assertThat(Edits.apply(TEXT, List.of(at(5, 11, "debian")))).isEqualTo("FROM debian\nRUN apk add curl\n");
    assertThat(Edits.apply(TEXT, List.of(Edit.insert(SRC, curl, "--no-cache ")))).isEqualTo("FROM alpine\nRUN apk add --no-cache curl\n");
    assertThat(Edits.apply(TEXT, List.of(Edit.delete(SRC, 0, 12)))).isEqualTo("RUN apk add curl\n");
    assertThat(Edits.apply(TEXT, List.of(Edit.insert(SRC, TEXT.length(), "USER app\n")))).endsWith("curl\nUSER app\n");
  }

  @Test
  void spanFactoriesUseTheSpansOffsets() {
    Span run = SRC.lines(2, 2);
    assertThat(Edits.apply(TEXT, List.of(Edit.insertBefore(run, "# pinned\n")))).isEqualTo("FROM alpine\n# pinned\nRUN apk add curl\n");
    assertThat(Edits.apply(TEXT, List.of(Edit.insertAfter(run, " wget")))).isEqualTo("FROM alpine\nRUN apk add curl wget\n");
    assertThat(Edits.apply(TEXT, List.of(Edit.delete(run)))).isEqualTo("FROM alpine\n\n");
    assertThat(Edit.insertBefore(run, "x").span()).isEqualTo(new Span(2, 1, 2, 1, 12, 12));
    assertThat(Edit.insert(SRC, 12, "x").span()).isEqualTo(new Span(2, 1, 2, 1, 12, 12));
    assertThat(Edit.replace(SRC, 12, 15, "x").span()).isEqualTo(SRC.span(12, 15));
  }

  @Test
  void editsMayComeInAnyOrder() {
    int add = TEXT.indexOf("add");
    List<Edit> edits = List.of(at(add, add + 3, "add --no-cache"), at(5, 11, "alpine:3.20"));
    assertThat(Edits.apply(TEXT, edits)).isEqualTo("FROM alpine:3.20\nRUN apk add --no-cache curl\n");
    assertThat(Edits.apply(TEXT, edits.reversed())).isEqualTo(Edits.apply(TEXT, edits));
  }

  @Test
  void insertionsAtOneOffsetKeepTheirOrder() {
    assertThat(Edits.apply(TEXT, List.of(Edit.insert(SRC, 0, "a"), Edit.insert(SRC, 0, "b"), Edit.insert(SRC, 0, "c")))).startsWith("abcFROM");
    assertThat(Edits.apply(TEXT, List.of(Edit.insert(SRC, 0, "c"), Edit.insert(SRC, 0, "b")))).startsWith("cbFROM");
  }

  @Test
  void adjacentEditsAreAllowed() {
    // replacement ending where the next starts; an insertion at either end of a replacement
    List<Edit> edits = List.of(at(0, 4, "from"), at(4, 5, "_"), Edit.insert(SRC, 4, "|"), Edit.insert(SRC, 0, "<"), Edit.insert(SRC, 11, ">"));
    assertThat(Edits.apply(TEXT, edits)).startsWith("<from|_alpine>\n");
  }

  @Test
  void insertionBeforeAReplacementAtTheSameOffsetGoesFirst() {
    assertThat(Edits.apply(TEXT, List.of(at(0, 4, "from"), Edit.insert(SRC, 0, "# x\n")))).startsWith("# x\nfrom alpine");
  }

  @Test
  void overlappingEditsAreRefusedNamingBoth() {
    Edit a = at(5, 11, "debian");
    Edit b = at(8, 14, "x");
    assertThatThrownBy(() -> Edits.apply(TEXT, List.of(b, a)))
        .isInstanceOf(OverlappingEditsException.class)
        .hasMessage("overlapping edits: 1:6-1:12 (offsets 5..11) and 1:9-2:3 (offsets 8..14)")
        .satisfies(e -> {
          assertThat(((OverlappingEditsException) e).first()).isEqualTo(a);
          assertThat(((OverlappingEditsException) e).second()).isEqualTo(b);
        });
    assertThatThrownBy(() -> Edits.apply(TEXT, List.of(a, a))).isInstanceOf(OverlappingEditsException.class);
  }

  @Test
  void insertionStrictlyInsideAReplacementIsRefused() {
    assertThatThrownBy(() -> Edits.apply(TEXT, List.of(at(5, 11, "debian"), Edit.insert(SRC, 7, "x"))))
        .isInstanceOf(OverlappingEditsException.class)
        .hasMessageContaining("offsets 5..11").hasMessageContaining("offsets 7..7");
  }

  @Test
  void editsOutsideTheTextAreRefused() {
    Span past = new Span(3, 1, 3, 5, TEXT.length(), TEXT.length() + 4);
    assertThatThrownBy(() -> Edits.apply(TEXT, List.of(Edit.replace(past, "x"))))
        .isInstanceOf(InvalidEditException.class)
        .hasMessage("edit 3:1-3:5 (offsets 29..33) is outside the text, which ends at offset 29");
    assertThatThrownBy(() -> Edit.replace(SRC, 0, TEXT.length() + 1, "x"))
        .isInstanceOf(InvalidEditException.class).hasMessageContaining("0..30").hasMessageContaining("29 chars");
    assertThatThrownBy(() -> Edit.insert(SRC, -1, "x")).isInstanceOf(InvalidEditException.class);
    assertThatThrownBy(() -> new Edit(new Span(1, 5, 1, 3, 4, 2), "x"))
        .isInstanceOf(InvalidEditException.class).hasMessageContaining("offsets 4..2");
  }

  @Test
  void editsSplittingASurrogatePairAreRefused() {
    String text = "LABEL x=\uD83D\uDE00\n";
    SourceText src = new SourceText(text);
    assertThatThrownBy(() -> Edits.apply(text, List.of(Edit.insert(src, 9, "y")))).isInstanceOf(InvalidEditException.class).hasMessageContaining("surrogate");
    assertThat(Edits.apply(text, List.of(Edit.replace(src, 8, 10, "y")))).isEqualTo("LABEL x=y\n");
  }

  @Test
  void crlfTabsAndBomOutsideTheSpanAreKept() {
    String text = "\uFEFFFROM alpine\r\nRUN\tapk add \\\r\n\tcurl\r\n";
    SourceText src = new SourceText(text);
    int curl = text.indexOf("curl");
    assertThat(Edits.apply(text, List.of(Edit.replace(src, curl, curl + 4, "wget"))))
        .isEqualTo("\uFEFFFROM alpine\r\nRUN\tapk add \\\r\n\twget\r\n");
  }
}
