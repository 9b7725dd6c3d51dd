package dev.bulwark.dockerfile.shell;

/** A script the shell would reject (unterminated quote, missing {@code fi}, ...). */
public final class ShellSyntaxException extends Exception {
  private final int offset;

  public ShellSyntaxException(String message, int offset) {
    super(message, null, false, false);
    this.offset = offset;
  }

  /** Offset in the script where the problem was found. */
  public int offset() {
    return offset;
  }
}
