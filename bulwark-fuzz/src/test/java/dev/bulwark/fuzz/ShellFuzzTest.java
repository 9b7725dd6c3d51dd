package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import java.nio.charset.StandardCharsets;

/** The POSIX sh parser (never throws: a syntax error is part of its result) and the recognizers over what it read. */
class ShellFuzzTest {
  static {
    Bounds.warmUp(() -> ShellFacts.of(ShellParser.parse("apt-get install -y x && curl -fsSL https://x | sh").script()));
  }

  @FuzzTest
  void parse(byte[] input) {
    Bounds.check(() -> {
      ShellParseResult r = ShellParser.parse(new String(input, StandardCharsets.UTF_8));
      ShellFacts facts = ShellFacts.of(r.script());
      facts.invocations();
      facts.facts();
      facts.setsPipefail();
    });
  }
}
