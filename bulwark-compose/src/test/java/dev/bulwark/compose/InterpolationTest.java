package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Interpolation as compose-go's template package does it: every form, nesting, $$, and what fails. */
class InterpolationTest {
  // SET=value, EMPTY set to "", UNSET not set
  private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "", "A", "a", "PORT", "8080");

  private static String sub(String text) throws Interpolation.Failure {
    return new Interpolation(ENV::get, v -> { }).substitute(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "$SET|value", "${SET}|value", "x${SET}y|xvaluey", "$SET.txt|value.txt", "$SETx|", "${UNSET}|", "$UNSET|",
      "${SET:-d}|value", "${EMPTY:-d}|d", "${UNSET:-d}|d", "${SET-d}|value", "${EMPTY-d}|", "${UNSET-d}|d",
      "${SET:+alt}|alt", "${EMPTY:+alt}|", "${UNSET:+alt}|", "${SET+alt}|alt", "${EMPTY+alt}|alt", "${UNSET+alt}|",
      "${SET:?err}|value", "${EMPTY?err}|", "$$|$", "$$SET|$SET", "$${SET}|${SET}", "$$$SET|$value", "cost $5|cost $5",
      "a $ b|a $ b", "end$|end$", "${UNSET:-${A}}|a", "${UNSET:-${UNSET2:-x}}|x", "${UNSET:-${UNSET2:-${A}b}c}|abc",
      "${UNSET:-a b}|a b", "${UNSET:-}|", "${UNSET:-{x}}|{x}", "${UNSET:-$$}|$", "127.0.0.1:${PORT}:80|127.0.0.1:8080:80",
      "${UNSET:-x}}|x}", "${_u9:-z}|z"})
  void substitutes(String text, String expected) throws Exception {
    assertThat(sub(text)).isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "${UNSET:?need it}|required variable UNSET is missing a value: need it",
      "${EMPTY:?}|required variable EMPTY is missing a value", "${UNSET?}|required variable UNSET is missing a value",
      "${UNSET:?${A} is missing}|required variable UNSET is missing a value: a is missing",
      "${}|invalid interpolation format: '${}'", "${9x}|invalid interpolation format: '${9x}'",
      "${A:x}|invalid interpolation format: '${A:x}'", "${A|invalid interpolation format: '${A' has no closing }",
      "${A:-${B}|invalid interpolation format: '${A:-${B}' has no closing }"})
  void fails(String text, String reason) {
    assertThatThrownBy(() -> sub(text)).isInstanceOf(Interpolation.Failure.class).hasMessage(reason);
  }

  @Test
  void warnsOfEachUnsetVariable() throws Exception {
    List<String> unset = new ArrayList<>();
    new Interpolation(ENV::get, unset::add).substitute("$U1 ${U2} ${U3:-x} ${SET}");
    assertThat(unset).containsExactly("U1", "U2");
  }

  @Test
  void nestingAndGrowthAreBounded() {
    String deep = "${U:-".repeat(100) + "x" + "}".repeat(100);
    assertThatThrownBy(() -> sub(deep)).hasMessageContaining("nested more than");
    String big = "x".repeat(1 << 19);
    Map<String, String> env = Map.of("B", big);
    assertThatThrownBy(() -> new Interpolation(env::get, v -> { }).substitute("$B$B$B"))
        .hasMessageContaining("grows past 1 MiB");
  }
}
