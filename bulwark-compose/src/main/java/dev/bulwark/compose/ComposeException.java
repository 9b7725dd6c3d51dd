package dev.bulwark.compose;

/**
 * A Compose project that cannot be loaded: a file that is not YAML, a required variable without a
 * value ({@code ${DB:?set it}}), a broken {@code .env} line, an {@code extends} that names nothing.
 * The message is one line, {@code file:line:column: reason}, as YAML errors are.
 */
public final class ComposeException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String reason;

  public ComposeException(String file, int line, int column, String reason) {
    super(file + ":" + line + ":" + column + ": " + reason, null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  static ComposeException of(dev.bulwark.yaml.YamlException e) {
    return new ComposeException(e.file(), e.line(), e.column(), e.reason());
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** Why, without the position. */
  public String reason() {
    return reason;
  }
}
