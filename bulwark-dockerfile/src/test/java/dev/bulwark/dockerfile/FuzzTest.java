package dev.bulwark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property tests: for random token soups and random mutations of the fixtures, the whole
 * pipeline (parse, model, shell, JSON) never throws, and printing gives back the input.
 * Seeds are fixed so a failure reproduces; the failing seed is in the message.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FuzzTest {
  private static final String[] TOKENS = {
    "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "ARG ", "USER ", "WORKDIR ", "CMD ", "ENTRYPOINT ", "HEALTHCHECK ", "ONBUILD ",
    "SHELL ", "EXPOSE ", "LABEL ", "VOLUME ", "STOPSIGNAL ", "MAINTAINER ", "from ", "AS ", "alpine:3.20", "--mount=type=cache,target=/x ",
    "--from=", "--chown=", "--platform=", "--", "<<EOF", "<<-EOF", "<<'EOF'", "EOF", "\n", "\r\n", "\\\n", "`\n", "\\", "`", "#",
    "# escape=`\n", "# syntax=x\n", "\"", "'", "$", "${", "}", "${A:-", "$(", ")", "(", "[", "]", "[\"", "\",", "{", "&&", "||", "|", ";",
    "&", ">", "<", "2>&1", " ", "\t", "a", "b=c", "=", "if ", "then ", "fi", "for ", "in ", "do ", "done", "case ", "esac", ";;",
    "apt-get install -y ", "curl -fsSL http://x | sh", "\u00e9", "\ufeff", "\0", "\u2028", "NONE", "CMD", "1", "65535/udp"
  };

  @Test
  void randomTokenSoup_neverThrows() {
    for (int seed = 0; seed < 3000; seed++) {
      Random rnd = new Random(seed);
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(60);
      for (int i = 0; i < n; i++) {
        sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
      }
      check(sb.toString().getBytes(StandardCharsets.UTF_8), "token soup seed " + seed);
    }
  }

  @Test
  void mutatedFixtures_neverThrow() {
    List<byte[]> fixtures = Fixtures.dirs().stream().map(Fixtures::dockerfile).toList();
    for (int seed = 0; seed < 3000; seed++) {
      Random rnd = new Random(seed);
      byte[] base = fixtures.get(rnd.nextInt(fixtures.size()));
      check(mutate(base, rnd), "mutation seed " + seed);
    }
  }

  @Test
  void randomBytes_neverThrow() {
    for (int seed = 0; seed < 500; seed++) {
      Random rnd = new Random(seed);
      byte[] b = new byte[rnd.nextInt(400)];
      rnd.nextBytes(b);
      check(b, "random bytes seed " + seed);
    }
  }

  private static byte[] mutate(byte[] base, Random rnd) {
    byte[] b = base.clone();
    int edits = 1 + rnd.nextInt(6);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(4)) {
        case 0 -> b[at] = (byte) "\\`\"'$(){}[]<>|&;#\n =-".charAt(rnd.nextInt(21));
        case 1 -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
        }
        case 2 -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(20));
          byte[] longer = new byte[b.length + len];
          System.arraycopy(b, 0, longer, 0, at + len);
          System.arraycopy(b, at, longer, at + len, b.length - at);
          b = longer;
        }
        default -> b[at] = (byte) rnd.nextInt(256);
      }
    }
    return b;
  }

  private static void check(byte[] input, String what) {
    try {
      Dockerfile file = BadInputTest.fullPipeline(input).file();
      assertThat(file.print()).as(what).isEqualTo(file.source().text());
    } catch (RuntimeException | StackOverflowError e) {
      fail(what + " threw " + e + " on input: " + new String(input, StandardCharsets.UTF_8).replace("\n", "\\n"), e);
    }
  }
}
