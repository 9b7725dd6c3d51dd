package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/** A line that is not part of an instruction: blank, comment, or parser directive. */
public record Trivia(Kind kind, String text, Span extent) implements Element {

  /** What the line holds. */
  public enum Kind {
    BLANK,
    COMMENT,
    DIRECTIVE
  }
}
