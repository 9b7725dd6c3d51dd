package dev.bulwark.dockerfile.expand;

/** A word that BuildKit's shell lexer refuses, e.g. {@code ${}} or an unmatched quote. */
public final class ExpansionException extends Exception {
  public ExpansionException(String message) {
    super(message, null, false, false);
  }
}
