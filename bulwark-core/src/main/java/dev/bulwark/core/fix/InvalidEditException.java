package dev.bulwark.core.fix;

/** An edit that cannot be applied to its text: outside it, or splitting a surrogate pair. A programming error, hence unchecked. */
public class InvalidEditException extends IllegalArgumentException {
  public InvalidEditException(String message) {
    super(message);
  }
}
