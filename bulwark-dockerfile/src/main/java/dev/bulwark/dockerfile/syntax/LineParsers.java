package dev.bulwark.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's per-instruction argument splitters ({@code parser/line_parsers.go} and
 * {@code split_command.go}), re-expressed. They decide JSON vs shell form, and what the
 * instruction's words are, before any variable expansion.
 */
final class LineParsers {
  private LineParsers() {}

  /** Thrown for the argument errors BuildKit's parser stops on. */
  static final class LineError extends Exception {
    LineError(String message) {
      super(message, null, false, false);
    }
  }

  /** The outcome of one line parser: BuildKit's node chain as strings, and the JSON attribute. */
  record Parsed(List<String> args, boolean json) {
    static final Parsed EMPTY = new Parsed(List.of(), false);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0x85 || c == 0xA0
        || (c > 0xFF && Character.isSpaceChar(c));
  }

  /** Go's regexp {@code [\t\v\f\r ]+}. */
  static boolean isTokenSpace(char c) {
    return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
  }

  static String trimSpace(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSpace(s.charAt(a))) {
      a++;
    }
    while (b > a && isSpace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  static String trimLeftSpace(String s) {
    int a = 0;
    while (a < s.length() && isSpace(s.charAt(a))) {
      a++;
    }
    return s.substring(a);
  }

  /** Splits on runs of {@code [\t\v\f\r ]}, like Go's regexp Split with n = -1. */
  static List<String> splitWhitespace(String rest) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < rest.length()) {
      if (isTokenSpace(rest.charAt(i))) {
        out.add(rest.substring(start, i));
        while (i < rest.length() && isTokenSpace(rest.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    out.add(rest.substring(start));
    return out;
  }

  /** Result of separating the instruction name, its {@code --flags}, and the rest. */
  record Split(String command, List<String> flags, String rest) {}

  static Split splitCommand(String line) {
    String trimmed = trimSpace(line);
    int i = 0;
    while (i < trimmed.length() && !isTokenSpace(trimmed.charAt(i))) {
      i++;
    }
    String cmd = trimmed.substring(0, i);
    if (i == trimmed.length()) {
      return new Split(cmd, List.of(), "");
    }
    int j = i;
    while (j < trimmed.length() && isTokenSpace(trimmed.charAt(j))) {
      j++;
    }
    List<String> flags = new ArrayList<>();
    String rest = extractBuilderFlags(trimmed.substring(j), flags);
    return new Split(cmd, flags, trimSpace(rest));
  }

  /** Leading words that start with {@code --} are flags; a lone {@code --} ends them. */
  static String extractBuilderFlags(String line, List<String> words) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    int n = line.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? line.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == n) {
          break;
        }
        if (isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == n) {
        if (!word.toString().equals("--") && (blankOk || !word.isEmpty())) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (isSpace(ch)) {
          phase = inSpaces;
          if (word.toString().equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || !word.isEmpty()) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == n) {
            continue;
          }
          pos++;
          ch = line.charAt(pos);
        }
        word.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) {
          phase = inWord;
          continue;
        }
        pos++;
        ch = line.charAt(pos);
      }
      word.append(ch);
    }
    return "";
  }

  /** Space-delimited words that keep their quotes; quotes are removed later by expansion. */
  static List<String> parseWords(String rest, char escape) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<String> words = new ArrayList<>();
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    int n = rest.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? rest.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == n) {
          break;
        }
        if (isSpace(ch)) {
          continue;
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == n) {
        if (blankOk || !word.isEmpty()) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || !word.isEmpty()) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
        }
        if (ch == escape) {
          if (pos + 1 == n) {
            continue;
          }
          word.append(ch);
          pos++;
          ch = rest.charAt(pos);
        }
        word.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == n) {
          phase = inWord;
          continue;
        }
        pos++;
        word.append(ch);
        ch = rest.charAt(pos);
      }
      word.append(ch);
    }
    return words;
  }

  static Parsed parseString(String rest) {
    return rest.isEmpty() ? Parsed.EMPTY : new Parsed(List.of(rest), false);
  }

  static Parsed parseStringsWhitespaceDelimited(String rest) {
    return rest.isEmpty() ? Parsed.EMPTY : new Parsed(splitWhitespace(rest), false);
  }

  /** ENV and LABEL: {@code KEY value} (legacy) or {@code k=v k2=v2}. */
  static Parsed parseNameVal(String rest, String key, char escape) throws LineError {
    List<String> words = parseWords(rest, escape);
    if (words.isEmpty()) {
      return Parsed.EMPTY;
    }
    if (!words.get(0).contains("=")) {
      int i = 0;
      while (i < rest.length() && !isTokenSpace(rest.charAt(i))) {
        i++;
      }
      if (i == rest.length()) {
        throw new LineError(key + " must have two arguments");
      }
      int j = i;
      while (j < rest.length() && isTokenSpace(rest.charAt(j))) {
        j++;
      }
      return new Parsed(List.of(rest.substring(0, i), rest.substring(j)), false);
    }
    List<String> out = new ArrayList<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq < 0) {
        throw new LineError("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
      }
      out.add(w.substring(0, eq));
      out.add(w.substring(eq + 1));
    }
    return new Parsed(out, false);
  }

  static Parsed parseNameOrNameVal(String rest, char escape) {
    List<String> words = parseWords(rest, escape);
    return words.isEmpty() ? Parsed.EMPTY : new Parsed(words, false);
  }

  /** Null when {@code rest} is not a JSON array; throws when it is one with a non-string. */
  static Parsed parseJson(String rest) throws LineError {
    String r = trimLeftSpace(rest);
    if (!r.startsWith("[")) {
      return null;
    }
    List<String> values = JsonArray.parseStrings(r);
    if (values == null) {
      return null;
    }
    return new Parsed(values, true);
  }

  static Parsed parseMaybeJson(String rest) throws LineError {
    if (rest.isEmpty()) {
      return Parsed.EMPTY;
    }
    Parsed p = parseJson(rest);
    return p != null ? p : new Parsed(List.of(rest), false);
  }

  static Parsed parseMaybeJsonToList(String rest) throws LineError {
    Parsed p = parseJson(rest);
    return p != null ? p : parseStringsWhitespaceDelimited(rest);
  }

  /** HEALTHCHECK: the type word (CMD/NONE) then a maybe-JSON command. */
  static Parsed parseHealthConfig(String rest) throws LineError {
    int sep = 0;
    while (sep < rest.length() && !isSpace(rest.charAt(sep))) {
      sep++;
    }
    int next = sep;
    while (next < rest.length() && isSpace(rest.charAt(next))) {
      next++;
    }
    if (sep == 0) {
      return Parsed.EMPTY;
    }
    Parsed cmd = parseMaybeJson(rest.substring(next));
    List<String> out = new ArrayList<>();
    out.add(rest.substring(0, sep));
    out.addAll(cmd.args());
    return new Parsed(out, cmd.json());
  }
}
