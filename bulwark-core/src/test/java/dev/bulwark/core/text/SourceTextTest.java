package dev.bulwark.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceTextTest {
  @Test
  void leadingBomTakesNoColumn() {
    SourceText src = new SourceText("\uFEFFFROM alpine\nUSER root\n");
    // "alpine" is at offset 6 (after the BOM and "FROM "): column 6, as without the BOM
    assertThat(src.span(6, 12).toString()).isEqualTo("1:6-1:12");
    assertThat(src.span(1, 5).toString()).isEqualTo("1:1-1:5");
    assertThat(src.span(13, 17).toString()).isEqualTo("2:1-2:5");
    assertThat(new SourceText("FROM alpine\n").span(5, 11).toString()).isEqualTo("1:6-1:12");
  }
}
