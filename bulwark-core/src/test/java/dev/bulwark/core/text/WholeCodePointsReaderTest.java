package dev.bulwark.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.LintConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A config with a non-BMP character against the YAML reader's 1,024-char buffer edge loads (it crashed snakeyaml-engine's reader). */
class WholeCodePointsReaderTest {

  @ParameterizedTest
  @ValueSource(ints = {1022, 1023, 1024, 1025, 1026})
  void aConfigWithASurrogatePairAtTheBufferEdgeLoads(int offset) throws Exception {
    String prefix = "# " + "x".repeat(offset - 2);
    // the pair starts at offset, in a comment: its high half ends a full buffer when offset is 1024
    LintConfig c = LintConfig.parse(prefix + "\uD83D\uDE00\nignore: [BW-D001]\n", "c.yaml");
    assertThat(prefix.length()).isEqualTo(offset);
    assertThat(c.ignore()).containsExactly("BW-D001");
  }
}
