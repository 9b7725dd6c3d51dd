package dev.bulwark.dockerfile.shell;

import java.util.List;

/**
 * A shell word: its source text and its parts (literal text, quoted or not, and expansions).
 * {@code start}/{@code end} are offsets in the script the parser was given.
 */
public record Word(String raw, List<WordPart> parts, int start, int end) {

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
