package dev.bulwark.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCasesTest {
  @Test
  void blocksWithPositionsAndOptionsInOrder() {
    List<RuleCases.Case> cases = RuleCases.parse("""
        text before the first header is not a case
        === fail at 1:1 2:5
        FROM a
        RUN b
        === pass
        FROM c
        === fail at 3:7 severity: low config: {purpose: base} context: {files: [x]}
        USER root
        """);
    assertThat(cases).hasSize(3);
    assertThat(cases.get(0)).isEqualTo(new RuleCases.Case(true, List.of("1:1", "2:5"), null, null, null, "FROM a\nRUN b\n", 1));
    assertThat(cases.get(0).plain()).isTrue();
    assertThat(cases.get(1).fail()).isFalse();
    assertThat(cases.get(1).body()).isEqualTo("FROM c\n");
    RuleCases.Case last = cases.get(2);
    assertThat(List.of(last.severity(), last.config(), last.context())).containsExactly("low", "{purpose: base}", "{files: [x]}");
    assertThat(last.plain()).isFalse();
    assertThat(last.index()).isEqualTo(3);
  }

  @Test
  void aMisspeltHeaderIsAnErrorNotPartOfTheCaseBefore() {
    assertThatThrownBy(() -> RuleCases.parse("=== pass\nFROM a\n=== fial at 1:1\nFROM b\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3");
  }
}
