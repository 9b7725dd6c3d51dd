package dev.bulwark.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .env} file as compose-go's {@code dotenv} package reads it: {@code KEY=VALUE} (or
 * {@code KEY: VALUE}) lines, an optional {@code export } before the key, {@code #} comment lines and
 * {@code  #} comments after an unquoted value; {@code 'single quotes'} literal, {@code "double quotes"}
 * with {@code \n}, {@code \r}, {@code \t} and {@code \\"}-style escapes, both may span lines;
 * unquoted and double-quoted values are interpolated ({@code ${VAR:-x}}) from the environment and
 * the keys above. A bare {@code KEY} takes the environment's value, or is left out.
 */
final class DotEnv {
  private final String path;
  private final String text;
  private final Map<String, String> environment;
  private final Map<String, String> out = new LinkedHashMap<>();
  private int pos;

  private DotEnv(String path, String text, Map<String, String> environment) {
    this.path = path;
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.environment = environment;
  }

  /** The variables of {@code text}, in order; {@code environment} is read for interpolation and bare keys. */
  static Map<String, String> parse(String path, String text, Map<String, String> environment) throws ComposeException {
    DotEnv p = new DotEnv(path, text, environment);
    p.run();
    return p.out;
  }

  private void run() throws ComposeException {
    while (true) {
      skipBlankLinesAndComments();
      if (pos >= text.length()) {
        return;
      }
      int lineStart = pos;
      if (text.startsWith("export ", pos) || text.startsWith("export\t", pos)) {
        pos += 7;
        skipSpaces();
      }
      int keyStart = pos;
      while (pos < text.length() && keyChar(text.charAt(pos))) {
        pos++;
      }
      String key = text.substring(keyStart, pos);
      skipSpaces();
      char c = pos < text.length() ? text.charAt(pos) : '\n';
      if (key.isEmpty() || (c != '=' && c != ':' && c != '\n' && c != '\r' && c != '#')) {
        throw error(pos, key.isEmpty() ? "a line of a .env file must start with a variable name"
            : "unexpected character '" + c + "' in variable name '" + key + text.charAt(pos) + "'");
      }
      if (c != '=' && c != ':') { // a bare KEY: the environment's, when it has one
        skipToLineEnd();
        String inherited = environment.get(key);
        if (inherited != null) {
          out.put(key, inherited);
        }
        continue;
      }
      pos++;
      skipSpaces();
      out.put(key, value(lineStart));
    }
  }

  private String value(int lineStart) throws ComposeException {
    char q = pos < text.length() ? text.charAt(pos) : '\n';
    if (q == '\'' || q == '"') {
      int open = pos;
      int i = pos + 1;
      while (i < text.length() && text.charAt(i) != q) {
        i += q == '"' && text.charAt(i) == '\\' ? 2 : 1;
      }
      if (i >= text.length()) {
        throw error(open, "unterminated quoted value (no closing " + q + ")");
      }
      String raw = text.substring(open + 1, i);
      pos = i + 1;
      skipToLineEnd(); // what follows the closing quote (a comment) is ignored
      return q == '\'' ? raw : interpolate(unescape(raw), open);
    }
    int start = pos;
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      if (text.charAt(end) == '#' && end > start && Character.isWhitespace(text.charAt(end - 1))) {
        break;
      }
      end++;
    }
    String raw = text.substring(start, end).strip();
    pos = end;
    skipToLineEnd();
    return interpolate(raw, start);
  }

  private String interpolate(String raw, int at) throws ComposeException {
    if (!Interpolation.needed(raw)) {
      return raw;
    }
    try {
      // the environment wins over the keys above, as it wins over the file for the Compose file itself
      return new Interpolation(this::lookup, v -> { }).substitute(raw);
    } catch (Interpolation.Failure e) {
      throw error(at, e.getMessage());
    }
  }

  private String lookup(String name) {
    String v = environment.get(name);
    return v != null ? v : out.get(name);
  }

  private static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        b.append(c);
        continue;
      }
      char n = raw.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case '$' -> b.append("$$"); // an escaped $ stays a literal $ through interpolation
        default -> b.append(n);
      }
    }
    return b.toString();
  }

  private static boolean keyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void skipToLineEnd() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void skipBlankLinesAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        skipToLineEnd();
      } else {
        return;
      }
    }
  }

  private ComposeException error(int offset, String reason) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new ComposeException(path, line, offset - lineStart + 1, reason);
  }
}
