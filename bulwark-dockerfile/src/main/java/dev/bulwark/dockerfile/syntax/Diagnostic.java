package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/** A problem found while parsing: errors are what BuildKit would refuse to build. */
public record Diagnostic(Level level, String message, Span span) {

  /** How bad a parse problem is. */
  public enum Level {
    ERROR,
    WARNING
  }

  public static Diagnostic error(String message, Span span) {
    return new Diagnostic(Level.ERROR, message, span);
  }

  public static Diagnostic warning(String message, Span span) {
    return new Diagnostic(Level.WARNING, message, span);
  }

  public boolean isError() {
    return level == Level.ERROR;
  }
}
