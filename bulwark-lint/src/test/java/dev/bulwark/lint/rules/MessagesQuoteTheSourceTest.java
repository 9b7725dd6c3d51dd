package dev.bulwark.lint.rules;

import static dev.bulwark.lint.RuleTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.lint.rules.supplychain.AddRemoteWithoutChecksum;
import org.junit.jupiter.api.Test;

/** Messages quote the Dockerfile as written, not as expanded: an ARG without a default expands to nothing. */
class MessagesQuoteTheSourceTest {

  @Test
  void anUnverifiedAddNamesItsUrlWithTheArg() {
    assertThat(findings(new AddRemoteWithoutChecksum(), "FROM debian:12\nARG V\nADD --chown=1000:1000 https://example.org/download/v$V/agent.jar /tmp/\n")
        .getFirst().message()).isEqualTo("ADD https://example.org/download/v$V/agent.jar is not verified (no --checksum)");
  }
}
