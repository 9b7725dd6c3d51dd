package dev.bulwark.dockerfile.shell;

import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.syntax.SourceMap;
import java.util.Arrays;
import java.util.List;

/**
 * A shell word: its source text and its parts (literal text, quoted or not, and expansions).
 * {@code start}/{@code end} are offsets in the script the parser was given; {@code map} takes
 * script offsets to the Dockerfile.
 */
public record Word(String raw, List<WordPart> parts, int start, int end, SourceMap map) {

  /** Where the word was written in the Dockerfile. */
  public Span span() {
    return map.span(start, end);
  }

  /**
   * Offsets in {@link #value()} to source spans, for a script that is this word's value
   * ({@code sh -c '…'}): each char is traced through the quote removal. Only exact for static
   * words; anything else maps to the whole word.
   */
  public SourceMap valueMap() {
    int[] offsets = isStatic() ? valueOffsets() : null;
    return offsets == null ? SourceMap.constant(span()) : map.through(offsets);
  }

  /** The script offset of each char of the value, or null when the value is not made that way. */
  private int[] valueOffsets() {
    int[] out = new int[raw.length()];
    int n = 0;
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        if (raw.charAt(i + 1) != '\n') {
          out[n++] = start + i + 1;
        }
        i += 2;
      } else if (c == '\'') {
        int close = raw.indexOf('\'', i + 1);
        if (close < 0) {
          return null;
        }
        for (int j = i + 1; j < close; j++) {
          out[n++] = start + j;
        }
        i = close + 1;
      } else if (c == '"') {
        i++;
        while (i < raw.length() && raw.charAt(i) != '"') {
          char d = raw.charAt(i);
          char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
          if (d == '\\' && "$`\"\\\n".indexOf(next) >= 0 && next != 0) {
            if (next != '\n') {
              out[n++] = start + i + 1;
            }
            i += 2;
          } else {
            out[n++] = start + i;
            i++;
          }
        }
        i++;
      } else {
        out[n++] = start + i;
        i++;
      }
    }
    return n == value().length() ? Arrays.copyOf(out, n) : null;
  }

  /** The word after quote removal, with expansions left as written ({@code $HOME} stays). */
  public String value() {
    if (parts.size() == 1 && parts.getFirst() instanceof WordPart.Literal l) {
      return l.text();
    }
    StringBuilder sb = new StringBuilder();
    for (WordPart p : parts) {
      sb.append(p.text());
    }
    return sb.toString();
  }

  /** True when the word holds no expansion, so {@link #value()} is exactly what runs. */
  public boolean isStatic() {
    for (WordPart p : parts) {
      if (!(p instanceof WordPart.Literal)) {
        return false;
      }
    }
    return true;
  }

  /** True when any part was quoted or escaped (so it is not a reserved word). */
  public boolean hasQuotes() {
    for (WordPart p : parts) {
      if (p.quoted()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return raw;
  }
}
