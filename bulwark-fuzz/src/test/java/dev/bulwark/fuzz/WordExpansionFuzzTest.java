package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.dockerfile.expand.ExpansionException;
import dev.bulwark.dockerfile.expand.WordProcessor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BuildKit's word expansion. Input: the first character's low four bits pick the options (bit 0:
 * backtick escape token; 1: raw quotes; 2: raw escapes; 3: skip unset variables), the rest of the
 * first line is the word, and every further line {@code NAME=value} is the environment. Only
 * {@link ExpansionException} (a malformed word) may escape.
 */
class WordExpansionFuzzTest {
  static {
    Bounds.warmUp(() -> new WordProcessor('\\').process("${A:-b}", java.util.Map.of("A", "a")));
  }

  @FuzzTest
  void expand(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    int options = text.charAt(0) & 0xF;
    String[] lines = text.substring(1).split("\n", -1);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      env.put(eq < 0 ? lines[i] : lines[i].substring(0, eq), eq < 0 ? "" : lines[i].substring(eq + 1));
    }
    WordProcessor p = new WordProcessor((options & 1) != 0 ? '`' : '\\')
        .rawQuotes((options & 2) != 0).rawEscapes((options & 4) != 0).skipUnsetEnv((options & 8) != 0);
    Bounds.check(() -> {
      WordProcessor.Result r = p.process(lines[0], env);
      if (r.value().length() > Math.max(WordProcessor.DEFAULT_MAX_LENGTH, lines[0].length())) {
        throw new AssertionError("expanded past the documented bound: " + r.value().length() + " chars");
      }
      p.words(lines[0], env);
    }, ExpansionException.class);
  }
}
