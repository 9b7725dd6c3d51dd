package dev.bulwark.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the exec-form JSON array of RUN/CMD/ENTRYPOINT/COPY/... the way BuildKit's Go decoder
 * does: the first JSON value is decoded (anything after it is ignored); invalid JSON means
 * shell form; valid JSON holding anything but strings is an error.
 */
final class JsonArray {
  private static final int MAX_DEPTH = 500;
  private static final Object NOT_A_STRING = new Object();

  private final String s;
  private int pos;

  private JsonArray(String s) {
    this.s = s;
  }

  /**
   * The array's strings, or null when {@code text} does not start with a valid JSON array;
   * {@code ranges} receives where each element (quotes included) is written.
   */
  static List<String> parseStrings(String text, List<LineParsers.Range> ranges) throws LineParsers.LineError {
    JsonArray p = new JsonArray(text);
    List<Object> values = new ArrayList<>();
    try {
      p.skipWs();
      p.expect('[');
      p.skipWs();
      if (p.peek() == ']') {
        p.pos++;
      } else {
        while (true) {
          p.skipWs();
          int start = p.pos;
          values.add(p.value(1));
          ranges.add(new LineParsers.Range(start, p.pos));
          p.skipWs();
          char c = p.next();
          if (c == ']') {
            break;
          }
          if (c != ',') {
            return null;
          }
        }
      }
    } catch (Invalid e) {
      return null;
    }
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      if (!(v instanceof String str)) {
        throw new LineParsers.LineError("when using JSON array syntax, arrays must be comprised of strings only");
      }
      out.add(str);
    }
    return out;
  }

  private static final class Invalid extends Exception {
    Invalid() {
      super(null, null, false, false);
    }
  }

  private char peek() throws Invalid {
    if (pos >= s.length()) {
      throw new Invalid();
    }
    return s.charAt(pos);
  }

  private char next() throws Invalid {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) throws Invalid {
    if (next() != c) {
      throw new Invalid();
    }
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) throws Invalid {
    if (depth > MAX_DEPTH) {
      throw new Invalid();
    }
    skipWs();
    char c = peek();
    switch (c) {
      case '"':
        return string();
      case '[':
        pos++;
        skipWs();
        if (peek() == ']') {
          pos++;
          return NOT_A_STRING;
        }
        while (true) {
          value(depth + 1);
          skipWs();
          char d = next();
          if (d == ']') {
            return NOT_A_STRING;
          }
          if (d != ',') {
            throw new Invalid();
          }
        }
      case '{':
        pos++;
        skipWs();
        if (peek() == '}') {
          pos++;
          return NOT_A_STRING;
        }
        while (true) {
          skipWs();
          if (peek() != '"') {
            throw new Invalid();
          }
          string();
          skipWs();
          expect(':');
          value(depth + 1);
          skipWs();
          char d = next();
          if (d == '}') {
            return NOT_A_STRING;
          }
          if (d != ',') {
            throw new Invalid();
          }
        }
      case 't':
        literal("true");
        return NOT_A_STRING;
      case 'f':
        literal("false");
        return NOT_A_STRING;
      case 'n':
        literal("null");
        return NOT_A_STRING;
      default:
        number();
        return NOT_A_STRING;
    }
  }

  private void literal(String word) throws Invalid {
    if (!s.startsWith(word, pos)) {
      throw new Invalid();
    }
    pos += word.length();
  }

  private void number() throws Invalid {
    int start = pos;
    if (pos < s.length() && s.charAt(pos) == '-') {
      pos++;
    }
    if (pos < s.length() && s.charAt(pos) == '0') {
      pos++;
    } else {
      int d = digits();
      if (d == 0) {
        throw new Invalid();
      }
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (digits() == 0) {
        throw new Invalid();
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw new Invalid();
      }
    }
    if (pos == start) {
      throw new Invalid();
    }
  }

  private int digits() {
    int n = 0;
    while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
      pos++;
      n++;
    }
    return n;
  }

  private String string() throws Invalid {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw new Invalid();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw new Invalid();
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw new Invalid();
          }
          pos += 4;
        }
        default -> throw new Invalid();
      }
    }
  }
}
