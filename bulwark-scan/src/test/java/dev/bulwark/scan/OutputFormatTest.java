package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void theHelpTextConstantListsEveryFormatInOrder() {
    assertThat(OutputFormat.NAMES).isEqualTo(OutputFormat.names());
  }

  @Test
  void namesRoundTrip() {
    for (OutputFormat f : OutputFormat.values()) {
      assertThat(OutputFormat.of(f.cliName())).contains(f);
    }
    assertThat(OutputFormat.of("yaml")).isEmpty();
    assertThat(OutputFormat.of("JSON")).isEmpty();
  }
}
