package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** .env files as compose-go's dotenv reads them. */
class DotEnvTest {

  private static Map<String, String> parse(String text, Map<String, String> env) throws ComposeException {
    return DotEnv.parse(".env", text, env);
  }

  @Test
  void readsEveryForm() throws Exception {
    String text = """
        # a comment
        PLAIN=value
        SPACED = spaced value  # a comment
        HASH=a#b
        export EXPORTED=yes
        SINGLE='${PLAIN} \\n stays'
        DOUBLE="line\\nnext \\"q\\" ${PLAIN}"
        MULTI="one
        two"
        REF=${PLAIN}-${UNSET:-dflt}
        ESCAPED="\\$PLAIN"
        YAMLISH: colon
        EMPTY=
        INHERITED
        NOT_INHERITED

        """;
    Map<String, String> got = parse(text, Map.of("INHERITED", "from-env"));
    assertThat(got).containsExactly(Map.entry("PLAIN", "value"), Map.entry("SPACED", "spaced value"), Map.entry("HASH", "a#b"),
        Map.entry("EXPORTED", "yes"), Map.entry("SINGLE", "${PLAIN} \\n stays"), Map.entry("DOUBLE", "line\nnext \"q\" value"),
        Map.entry("MULTI", "one\ntwo"), Map.entry("REF", "value-dflt"), Map.entry("ESCAPED", "$PLAIN"), Map.entry("YAMLISH", "colon"),
        Map.entry("EMPTY", ""), Map.entry("INHERITED", "from-env"));
  }

  @Test
  void theEnvironmentWinsInInterpolation() throws Exception {
    assertThat(parse("A=file\nB=${A}\n", Map.of("A", "env"))).containsEntry("B", "env");
  }

  @Test
  void errorsHaveTheirPosition() {
    assertThatThrownBy(() -> parse("A=1\nB=\"open\n", Map.of())).isInstanceOf(ComposeException.class)
        .hasMessage(".env:2:3: unterminated quoted value (no closing \")");
    assertThatThrownBy(() -> parse("OK=1\nBAD KEY=1\n", Map.of())).hasMessage(".env:2:5: unexpected character 'K' in variable name 'BADK'");
    assertThatThrownBy(() -> parse("A=${B:?set B}\n", Map.of())).hasMessage(".env:1:3: required variable B is missing a value: set B");
    assertThatThrownBy(() -> parse("=x\n", Map.of())).hasMessage(".env:1:1: a line of a .env file must start with a variable name");
  }
}
