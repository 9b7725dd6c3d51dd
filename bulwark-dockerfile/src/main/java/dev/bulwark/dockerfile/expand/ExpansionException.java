package dev.bulwark.dockerfile.expand;

/**
 * A word that BuildKit's shell lexer refuses, e.g. {@code ${}} or an unmatched quote, or (with
 * {@link #overLimit()}) one whose expansion would outgrow Bulwark's size cap.
 */
public final class ExpansionException extends Exception {
  private final boolean overLimit;

  public ExpansionException(String message) {
    this(message, false);
  }

  private ExpansionException(String message, boolean overLimit) {
    super(message, null, false, false);
    this.overLimit = overLimit;
  }

  static ExpansionException overLimit(int limit) {
    return new ExpansionException("expanded value would be longer than " + limit + " characters", true);
  }

  /** The word is valid but Bulwark stopped expanding it (a bound of ours, not a BuildKit error). */
  public boolean overLimit() {
    return overLimit;
  }
}
