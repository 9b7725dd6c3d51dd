package dev.bulwark.dockerfile.expand;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Quote removal, variable expansion and word splitting with the semantics of BuildKit's
 * Dockerfile shell lexer ({@code frontend/dockerfile/shell}): {@code $V}, {@code ${V}},
 * {@code ${V:-w}}, {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}}, {@code ${V?w}},
 * {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}}, {@code ${V%%p}}, {@code ${V/p/r}},
 * {@code ${V//p/r}}, escapes with the Dockerfile's escape token, single and double quotes.
 *
 * <p>Not thread safe; cheap to create.
 */
public final class WordProcessor {
  /** Nesting of {@code ${a:-${b:-...}}} beyond this is refused rather than risking the stack. */
  static final int MAX_DEPTH = 200;

  /** Default cap on one expanded value: {@code ENV A=$A$A} doubles per line, 30 lines would be 5 GB. */
  public static final int DEFAULT_MAX_LENGTH = 1 << 20;

  private final char escapeToken;
  private int maxLength = DEFAULT_MAX_LENGTH;
  private boolean rawQuotes;
  private boolean rawEscapes;
  private boolean skipUnsetEnv;

  // per-call state
  private String input;
  private int pos;
  private Map<String, String> env;
  private Set<String> matched;
  private Set<String> unmatched;
  private int depth;

  public WordProcessor(char escapeToken) {
    this.escapeToken = escapeToken;
  }

  /**
   * Refuse (with {@link ExpansionException#overLimit()}) to build a value longer than this many
   * characters or the word itself, whichever is longer.
   */
  public WordProcessor maxLength(int chars) {
    this.maxLength = chars;
    return this;
  }

  /** Keep quote characters in the output (used to tell quoted heredoc delimiters apart). */
  public WordProcessor rawQuotes(boolean on) {
    this.rawQuotes = on;
    return this;
  }

  /** Keep escape tokens in the output. */
  public WordProcessor rawEscapes(boolean on) {
    this.rawEscapes = on;
    return this;
  }

  /** Leave references to unset variables as written instead of expanding them to "". */
  public WordProcessor skipUnsetEnv(boolean on) {
    this.skipUnsetEnv = on;
    return this;
  }

  /** The outcome of processing one word. */
  public record Result(String value, List<String> words, Set<String> matched, Set<String> unmatched) {}

  public Result process(String word, Map<String, String> environment) throws ExpansionException {
    this.input = word;
    this.pos = 0;
    this.env = environment;
    this.matched = new LinkedHashSet<>();
    this.unmatched = new LinkedHashSet<>();
    this.depth = 0;
    try {
      Words words = new Words();
      String value = processStopOn(EOF, rawEscapes, words);
      return new Result(value, words.get(), matched, unmatched);
    } catch (ExpansionException e) {
      if (e.overLimit()) {
        throw e;
      }
      throw new ExpansionException("failed to process \"" + word + "\": " + e.getMessage());
    }
  }

  /** Expands {@code word} and returns the single resulting string. */
  public String expand(String word, Map<String, String> environment) throws ExpansionException {
    return process(word, environment).value();
  }

  /** Expands {@code word} and splits it into words, honouring quotes. */
  public List<String> words(String word, Map<String, String> environment) throws ExpansionException {
    return process(word, environment).words();
  }

  private static final int EOF = -1;

  private int peek() {
    return pos < input.length() ? input.charAt(pos) : EOF;
  }

  private int next() {
    return pos < input.length() ? input.charAt(pos++) : EOF;
  }

  /** BuildKit's word accumulator: splits on unquoted white space from expansions and text. */
  private static final class Words {
    private final StringBuilder word = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
      if (Character.isWhitespace(ch) && inWord) {
        if (word.length() != 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!Character.isWhitespace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      word.append((char) ch);
      inWord = true;
    }

    void addString(String s) {
      for (int i = 0; i < s.length(); i++) {
        addChar(s.charAt(i));
      }
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> get() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  private String processStopOn(int stopChar, boolean raw, Words words) throws ExpansionException {
    if (++depth > MAX_DEPTH) {
      throw new ExpansionException("nesting deeper than " + MAX_DEPTH + " levels");
    }
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      StringBuilder result = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (stopChar != EOF && ch == stopChar) {
          next();
          words.get();
          return result.toString();
        }
        if (ch == '$') {
          String tmp = processDollar();
          checkLength(result, tmp);
          result.append(tmp);
          words.addString(tmp);
        } else if (ch == '\'') {
          String tmp = processSingleQuote();
          result.append(tmp);
          words.addRawString(tmp);
        } else if (ch == '"') {
          String tmp = processDoubleQuote();
          result.append(tmp);
          words.addRawString(tmp);
        } else {
          ch = next();
          if (ch == escapeToken) {
            if (rawEscapes) {
              words.addRawChar(ch);
              result.append((char) ch);
            }
            ch = next();
            if (ch == EOF) {
              break;
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.append((char) ch);
        }
      }
      if (stopChar != EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching " + (char) stopChar);
      }
      return result.toString();
    } finally {
      rawEscapes = saved;
      depth--;
    }
  }

  /** Expansions are the only way a value outgrows its word: bound them before appending. */
  private void checkLength(StringBuilder result, String more) throws ExpansionException {
    int limit = Math.max(maxLength, input.length());
    if ((long) result.length() + more.length() > limit) {
      throw ExpansionException.overLimit(limit);
    }
  }

  private String processSingleQuote() throws ExpansionException {
    StringBuilder result = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      result.append((char) ch);
    }
    while (true) {
      ch = next();
      if (ch == EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (rawQuotes) {
          result.append((char) ch);
        }
        return result.toString();
      }
      result.append((char) ch);
    }
  }

  private String processDoubleQuote() throws ExpansionException {
    StringBuilder result = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      result.append((char) ch);
    }
    while (true) {
      int p = peek();
      if (p == EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
      } else if (p == '"') {
        ch = next();
        if (rawQuotes) {
          result.append((char) ch);
        }
        return result.toString();
      } else if (p == '$') {
        String tmp = processDollar();
        checkLength(result, tmp);
        result.append(tmp);
      } else {
        ch = next();
        if (ch == escapeToken) {
          if (rawEscapes) {
            result.append((char) ch);
          }
          int q = peek();
          if (q == EOF) {
            continue;
          }
          if (q == '"' || q == '$' || q == escapeToken) {
            ch = next();
          }
        }
        result.append((char) ch);
      }
    }
  }

  private String processDollar() throws ExpansionException {
    next();
    if (peek() != '{') {
      String name = processName();
      if (name.isEmpty()) {
        return "$";
      }
      String value = getEnv(name);
      if (value == null) {
        return skipUnsetEnv ? "$" + name : "";
      }
      return value;
    }
    next();
    int p = peek();
    if (p == EOF) {
      throw new ExpansionException("syntax error: missing '}'");
    }
    if (p == '{' || p == '}' || p == ':') {
      throw new ExpansionException("syntax error: bad substitution");
    }
    String name = processName();
    int ch = next();
    String chs = ch == EOF ? "" : String.valueOf((char) ch);
    boolean nullIsUnset = false;
    switch (ch) {
      case '}' -> {
        String value = getEnv(name);
        if (value == null) {
          return skipUnsetEnv ? "${" + name + "}" : "";
        }
        return value;
      }
      case ':', '+', '-', '?', '#', '%' -> {
        if (ch == ':') {
          nullIsUnset = true;
          ch = next();
          chs += ch == EOF ? "" : String.valueOf((char) ch);
        }
        boolean raw = ch == '#' || ch == '%';
        String word;
        try {
          word = processStopOn('}', raw, new Words());
        } catch (ExpansionException e) {
          if (peek() == EOF && !e.getMessage().startsWith("nesting")) {
            throw new ExpansionException("syntax error: missing '}'");
          }
          throw e;
        }
        String value = getEnv(name);
        boolean set = value != null;
        if (skipUnsetEnv && !set) {
          return "${" + name + chs + word + "}";
        }
        switch (ch) {
          case '-':
            return !set || (nullIsUnset && value.isEmpty()) ? word : value;
          case '+':
            return !set || (nullIsUnset && value.isEmpty()) ? "" : word;
          case '?':
            if (!set) {
              throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
            }
            if (nullIsUnset && value.isEmpty()) {
              throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
            }
            return value;
          case '%', '#':
            boolean greedy = false;
            if (!word.isEmpty() && word.charAt(0) == ch) {
              greedy = true;
              word = word.substring(1);
            }
            return ch == '%' ? trimSuffix(word, value == null ? "" : value, greedy) : trimPrefix(word, value == null ? "" : value, greedy);
          default:
            throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
        }
      }
      case '/' -> {
        boolean all = peek() == '/';
        if (all) {
          next();
        }
        String pattern;
        String replacement;
        try {
          pattern = processStopOn('/', true, new Words());
        } catch (ExpansionException e) {
          if (peek() == EOF) {
            throw new ExpansionException("syntax error: missing '/' in ${}");
          }
          throw e;
        }
        try {
          replacement = processStopOn('}', true, new Words());
        } catch (ExpansionException e) {
          if (peek() == EOF) {
            throw new ExpansionException("syntax error: missing '}'");
          }
          throw e;
        }
        String value = getEnv(name);
        if (skipUnsetEnv && value == null) {
          return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        String v = value == null ? "" : value;
        Pattern re = shellPatternToRegex(pattern, true, false);
        Matcher m = re.matcher(v);
        if (!all) {
          return m.find() ? v.substring(0, m.start()) + replacement + v.substring(m.end()) : v;
        }
        // ${A//?/$A} multiplies lengths: append match by match under the cap.
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(out, "");
          checkLength(out, replacement);
          out.append(replacement);
        }
        m.appendTail(out);
        return out.toString();
      }
      default -> throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
    }
  }

  private String processName() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      int ch = peek();
      if (name.isEmpty() && Character.isDigit(ch)) {
        while (peek() != EOF && Character.isDigit(peek())) {
          name.append((char) next());
        }
        return name.toString();
      }
      if (name.isEmpty() && isSpecialParam(ch)) {
        return String.valueOf((char) next());
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
        break;
      }
      name.append((char) next());
    }
    return name.toString();
  }

  private static boolean isSpecialParam(int ch) {
    return switch (ch) {
      case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
      default -> false;
    };
  }

  private String getEnv(String name) {
    String v = env.get(name);
    if (v != null) {
      matched.add(name);
    } else {
      unmatched.add(name);
    }
    return v;
  }

  /** The longest ${V#pattern} / ${V/pattern/x} pattern compiled; real ones are a few characters. */
  static final int MAX_PATTERN_LENGTH = 4096;

  /**
   * Shell wildcard pattern (* and ?, no brackets) to a regex, as BuildKit converts it, matched as BuildKit matches it: by
   * Go's regexp (RE2/J), linear in the value, so {@code ${V#*a*a*a*a*b}} over a long ARG cannot backtrack.
   */
  static Pattern shellPatternToRegex(String pattern, boolean greedy, boolean anchored) throws ExpansionException {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      // RE2/J's parser is quadratic in a pattern's length: nested expansions can build one of a megabyte
      throw new ExpansionException("pattern in substitution is longer than " + MAX_PATTERN_LENGTH + " characters");
    }
    StringBuilder out = new StringBuilder(pattern.length() + 4);
    if (anchored) {
      out.append('^');
    }
    String star = greedy ? ".*" : ".*?";
    for (int i = 0; i < pattern.length(); i++) {
      char tok = pattern.charAt(i);
      switch (tok) {
        case '*' -> out.append(star);
        case '?' -> out.append('.');
        case '\\' -> {
          char nx = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
          if (nx == '}' || nx == '/') {
            continue;
          }
          i++;
          if (nx != '*' && nx != '?' && nx != '\\') {
            throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + (nx == 0 ? "" : String.valueOf(nx)) + "'");
          }
          out.append('\\').append(nx);
        }
        case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\').append(tok);
        default -> out.append(tok);
      }
    }
    try {
      return Pattern.compile(out.toString());
    } catch (PatternSyntaxException e) {
      throw new ExpansionException("invalid pattern (" + pattern + ") in substitution");
    }
  }

  static String trimPrefix(String pattern, String value, boolean greedy) throws ExpansionException {
    Matcher m = shellPatternToRegex(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  static String trimSuffix(String pattern, String value, boolean greedy) throws ExpansionException {
    // Regexes find leftmost matches, so search the reversed value with the reversed pattern.
    UnaryOperator<String> reverse = s -> new StringBuilder(s).reverse().toString();
    return reverse.apply(trimPrefix(reversePattern(pattern), reverse.apply(value), greedy));
  }

  /** Reverses a pattern while keeping each escape before the char it escapes. */
  static String reversePattern(String pattern) {
    char[] in = pattern.toCharArray();
    char[] out = new char[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last; ) {
      int o = last - i;
      if (in[i] == '\\' && i != last) {
        out[o - 1] = in[i];
        out[o] = in[i + 1];
        i += 2;
      } else {
        out[o] = in[i];
        i++;
      }
    }
    return new String(out);
  }
}
