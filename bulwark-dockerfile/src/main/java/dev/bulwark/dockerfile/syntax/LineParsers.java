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

  /** Where a word was written: offsets {@code [start, end)} in the string that was parsed. */
  record Range(int start, int end) {
    Range shift(int by) {
      return new Range(start + by, end + by);
    }

    static List<Range> shiftAll(List<Range> ranges, int by) {
      List<Range> out = new ArrayList<>(ranges.size());
      for (Range r : ranges) {
        out.add(r.shift(by));
      }
      return out;
    }
  }

  /**
   * The outcome of one line parser: BuildKit's node chain as strings, the JSON attribute, and
   * where each string was written in the parsed text.
   */
  record Parsed(List<String> args, boolean json, List<Range> ranges) {
    static final Parsed EMPTY = new Parsed(List.of(), false, List.of());

    /** One argument: the whole text. */
    static Parsed whole(String rest) {
      return new Parsed(List.of(rest), false, List.of(new Range(0, rest.length())));
    }
  }

  /** Words with where they were written. */
  record Words(List<String> words, List<Range> ranges) {}

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
  static Words splitWhitespace(String rest) {
    List<String> out = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < rest.length()) {
      if (isTokenSpace(rest.charAt(i))) {
        out.add(rest.substring(start, i));
        ranges.add(new Range(start, i));
        while (i < rest.length() && isTokenSpace(rest.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    out.add(rest.substring(start));
    ranges.add(new Range(start, rest.length()));
    return new Words(out, ranges);
  }

  /**
   * Result of separating the instruction name, its {@code --flags}, and the rest; ranges and
   * {@code restOffset} are offsets in the line.
   */
  record Split(String command, List<String> flags, List<Range> flagRanges, String rest, int restOffset) {}

  private static int leadingSpace(String s) {
    return s.length() - trimLeftSpace(s).length();
  }

  static Split splitCommand(String line) {
    String trimmed = trimSpace(line);
    int lead = leadingSpace(line);
    int i = 0;
    while (i < trimmed.length() && !isTokenSpace(trimmed.charAt(i))) {
      i++;
    }
    String cmd = trimmed.substring(0, i);
    if (i == trimmed.length()) {
      return new Split(cmd, List.of(), List.of(), "", line.length());
    }
    int j = i;
    while (j < trimmed.length() && isTokenSpace(trimmed.charAt(j))) {
      j++;
    }
    List<String> flags = new ArrayList<>();
    List<Range> flagRanges = new ArrayList<>();
    String afterName = trimmed.substring(j);
    int restAt = extractBuilderFlags(afterName, flags, flagRanges);
    String rest = afterName.substring(restAt);
    return new Split(cmd, flags, Range.shiftAll(flagRanges, lead + j), trimSpace(rest), lead + j + restAt + leadingSpace(rest));
  }

  /**
   * Leading words that start with {@code --} are flags; a lone {@code --} ends them. Returns
   * where the rest of the line starts.
   */
  static int extractBuilderFlags(String line, List<String> words, List<Range> ranges) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    int n = line.length();
    int wordStart = 0;
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
          return pos;
        }
        phase = inWord;
        wordStart = pos;
      }
      if ((phase == inWord || phase == inQuote) && pos == n) {
        if (!word.toString().equals("--") && (blankOk || !word.isEmpty())) {
          words.add(word.toString());
          ranges.add(new Range(wordStart, pos));
        }
        break;
      }
      if (phase == inWord) {
        if (isSpace(ch)) {
          phase = inSpaces;
          if (word.toString().equals("--")) {
            return pos;
          }
          if (blankOk || !word.isEmpty()) {
            words.add(word.toString());
            ranges.add(new Range(wordStart, pos));
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
    return n;
  }

  /** Space-delimited words that keep their quotes; quotes are removed later by expansion. */
  static Words parseWords(String rest, char escape) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<String> words = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    int wordStart = 0;
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
        wordStart = pos;
      }
      if ((phase == inWord || phase == inQuote) && pos == n) {
        if (blankOk || !word.isEmpty()) {
          words.add(word.toString());
          ranges.add(new Range(wordStart, pos));
        }
        break;
      }
      if (phase == inWord) {
        if (isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || !word.isEmpty()) {
            words.add(word.toString());
            ranges.add(new Range(wordStart, pos));
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
    return new Words(words, ranges);
  }

  static Parsed parseString(String rest) {
    return rest.isEmpty() ? Parsed.EMPTY : Parsed.whole(rest);
  }

  static Parsed parseStringsWhitespaceDelimited(String rest) {
    if (rest.isEmpty()) {
      return Parsed.EMPTY;
    }
    Words w = splitWhitespace(rest);
    return new Parsed(w.words(), false, w.ranges());
  }

  /** ENV and LABEL: {@code KEY value} (legacy) or {@code k=v k2=v2}. */
  static Parsed parseNameVal(String rest, String key, char escape) throws LineError {
    Words parsed = parseWords(rest, escape);
    List<String> words = parsed.words();
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
      return new Parsed(List.of(rest.substring(0, i), rest.substring(j)), false, List.of(new Range(0, i), new Range(j, rest.length())));
    }
    List<String> out = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    for (int k = 0; k < words.size(); k++) {
      String w = words.get(k);
      int eq = w.indexOf('=');
      if (eq < 0) {
        throw new LineError("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
      }
      out.add(w.substring(0, eq));
      out.add(w.substring(eq + 1));
      // the word keeps every char it was written with, so '=' sits at the same index in the text
      Range r = parsed.ranges().get(k);
      ranges.add(new Range(r.start(), r.start() + eq));
      ranges.add(new Range(r.start() + eq + 1, r.end()));
    }
    return new Parsed(out, false, ranges);
  }

  static Parsed parseNameOrNameVal(String rest, char escape) {
    Words words = parseWords(rest, escape);
    return words.words().isEmpty() ? Parsed.EMPTY : new Parsed(words.words(), false, words.ranges());
  }

  /** Null when {@code rest} is not a JSON array; throws when it is one with a non-string. */
  static Parsed parseJson(String rest) throws LineError {
    String r = trimLeftSpace(rest);
    if (!r.startsWith("[")) {
      return null;
    }
    List<Range> ranges = new ArrayList<>();
    List<String> values = JsonArray.parseStrings(r, ranges);
    if (values == null) {
      return null;
    }
    return new Parsed(values, true, Range.shiftAll(ranges, rest.length() - r.length()));
  }

  static Parsed parseMaybeJson(String rest) throws LineError {
    if (rest.isEmpty()) {
      return Parsed.EMPTY;
    }
    Parsed p = parseJson(rest);
    return p != null ? p : Parsed.whole(rest);
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
    List<Range> ranges = new ArrayList<>();
    ranges.add(new Range(0, sep));
    ranges.addAll(Range.shiftAll(cmd.ranges(), next));
    return new Parsed(out, cmd.json(), ranges);
  }
}
