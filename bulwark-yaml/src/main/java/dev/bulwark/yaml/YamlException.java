package dev.bulwark.yaml;

/**
 * A YAML file that cannot be loaded: not YAML, or past a limit. The message is one line,
 * {@code file:line:column: reason}, the position 1-based.
 */
public final class YamlException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String reason;

  public YamlException(String file, int line, int column, String reason) {
    super(file + ":" + line + ":" + column + ": " + reason, null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
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
