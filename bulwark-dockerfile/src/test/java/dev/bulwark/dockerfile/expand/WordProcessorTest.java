package dev.bulwark.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link WordProcessor}: BuildKit's expansion semantics, case by case. */
class WordProcessorTest {
  private static final Map<String, String> ENV = Map.of("V", "value", "EMPTY", "", "P", "/usr/local/app.tar.gz", "S", "a b");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      $V                | value
      ${V}              | value
      x${V}y            | xvaluey
      $UNSET            | ''
      ${UNSET:-dflt}    | dflt
      ${EMPTY:-dflt}    | dflt
      ${EMPTY-dflt}     | ''
      ${UNSET-dflt}     | dflt
      ${V:+alt}         | alt
      ${EMPTY:+alt}     | ''
      ${EMPTY+alt}      | alt
      ${UNSET+alt}      | ''
      ${P#*/}           | usr/local/app.tar.gz
      ${P##*/}          | app.tar.gz
      ${P%.*}           | /usr/local/app.tar
      ${P%%.*}          | /usr/local/app
      ${P/a/A}          | /usr/locAl/app.tar.gz
      ${P//a/A}         | /usr/locAl/App.tAr.gz
      $                 | $
      $1                | ''
      ${UNSET:-${V}}    | value
      """)
  void expand(String word, String expected) throws Exception {
    assertThat(new WordProcessor('\\').expand(word, ENV)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} fails")
  @CsvSource(delimiter = '|', textBlock = """
      ${}          | bad substitution
      ${V          | unsupported modifier
      ${V:-x       | missing '}'
      "open        | double-quote
      ${UNSET?boom}| boom
      ${V:x}       | unsupported modifier
      """)
  void refuse(String word, String message) {
    assertThatThrownBy(() -> new WordProcessor('\\').expand(word, ENV)).isInstanceOf(ExpansionException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      a b c         | 3
      "a b" c       | 2
      $S            | 2
      "$S"          | 1
      ''            | 0
      """)
  void splitsWords(String input, int count) throws Exception {
    assertThat(new WordProcessor('\\').words(input, ENV)).hasSize(count);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      $UNSET        | $UNSET
      ${UNSET}      | ${UNSET}
      ${UNSET:-x}   | ${UNSET:-x}
      """)
  void skipUnsetEnv_keepsReferences(String word, String expected) throws Exception {
    assertThat(new WordProcessor('\\').skipUnsetEnv(true).expand(word, ENV)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void quotesAndEscapes() throws Exception {
    WordProcessor p = new WordProcessor('\\');
    assertThat(p.expand("\\$V", ENV)).isEqualTo("$V");
    assertThat(p.expand("'$V'", ENV)).isEqualTo("$V");
    assertThat(p.expand("\"$V\"", ENV)).isEqualTo("value");
    assertThat(p.expand("\"a\\\"b\"", ENV)).isEqualTo("a\"b");
    assertThat(p.expand("\"a\\nb\"", ENV)).isEqualTo("a\\nb");
  }

  @org.junit.jupiter.api.Test
  void unterminatedSingleQuote() {
    assertThatThrownBy(() -> new WordProcessor('\\').expand("'open", ENV)).hasMessageContaining("single-quote");
  }

  @org.junit.jupiter.api.Test
  void backtickEscapeToken() throws Exception {
    assertThat(new WordProcessor('`').expand("a`$V\\b", ENV)).isEqualTo("a$V\\b");
  }

  @org.junit.jupiter.api.Test
  void deepNesting_isRefusedNotAStackOverflow() {
    String deep = "${A:-".repeat(5000) + "x" + "}".repeat(5000);
    assertThatThrownBy(() -> new WordProcessor('\\').expand(deep, ENV)).isInstanceOf(ExpansionException.class).hasMessageContaining("nesting");
  }

  @org.junit.jupiter.api.Test
  void patternsThatWouldBacktrack_finish() throws Exception {
    Map<String, String> env = Map.of("L", "a".repeat(5000));
    String star = "*a".repeat(12);
    for (String word : new String[] {"${L#" + star + "b}", "${L%%" + star + "b}", "${L/" + star + "b/x}", "${L//" + star + "b/x}"}) {
      // a hang guard (java.util.regex takes hours here), not a performance bound
      String out = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
          () -> new WordProcessor('\\').expand(word, env));
      assertThat(out).as(word).isEqualTo(env.get("L"));
    }
  }

  @org.junit.jupiter.api.Test
  void aPatternLongerThanTheBoundIsAClearErrorNotAQuadraticCompile() throws Exception {
    // found by the fuzzing campaign: nested ${V//x/$V} grew a pattern RE2/J's parser took seconds over
    String big = "a".repeat(WordProcessor.MAX_PATTERN_LENGTH + 1);
    Map<String, String> env = Map.of("V", "aaa", "P", big);
    assertThatThrownBy(() -> new WordProcessor('\\').process("${V#$P}", env)).isInstanceOf(ExpansionException.class)
        .hasMessageContaining("longer than " + WordProcessor.MAX_PATTERN_LENGTH);
    assertThatThrownBy(() -> new WordProcessor('\\').process("${V//$P/x}", env)).isInstanceOf(ExpansionException.class);
    String atTheBound = "a".repeat(WordProcessor.MAX_PATTERN_LENGTH);
    assertThat(new WordProcessor('\\').process("${V%$P}", Map.of("V", "b" + atTheBound, "P", atTheBound)).value()).isEqualTo("b");
  }
}
