package dev.bulwark.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A character outside the Basic Multilingual Plane (two chars in Java) wherever it falls against
 * the YAML reader's 1,024-char buffer: found by fuzzing, snakeyaml-engine's reader read past its
 * buffer when a high surrogate ended a full buffer.
 */
class NonBmpTextTest {

  @ParameterizedTest
  @ValueSource(ints = {1020, 1021, 1022, 1023, 1024, 1025, 2047, 2048, 2049})
  void aSurrogatePairAtAnyOffsetLoadsWithItsValueAndPosition(int offset) throws Exception {
    String prefix = "# " + "x".repeat(offset - 3) + "\n"; // the pair starts at offset
    String text = prefix + "k: \uD83D\uDE00 ok\nnext: 1\n";
    assertThat(prefix.length()).isEqualTo(offset);
    YamlStream s = YamlLoader.load("f.yaml", text);
    YamlMapping m = (YamlMapping) s.documents().getFirst().root();
    assertThat(m.string("k")).isEqualTo("\uD83D\uDE00 ok");
    assertThat(m.scalar("next").span().startLine()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1021, 1022, 1023, 1024, 1025})
  void aPairInsideAScalarAtTheBufferEdgeIsKept(int offset) throws Exception {
    String text = "k: " + "y".repeat(offset - 3) + "\uD83D\uDE00\n";
    YamlMapping m = (YamlMapping) YamlLoader.load("f.yaml", text).documents().getFirst().root();
    assertThat(m.string("k")).endsWith("\uD83D\uDE00").hasSize(offset - 3 + 2);
  }
}
