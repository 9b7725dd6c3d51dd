package dev.bulwark.core.fix;

/** Two edits of one set touch the same text, so there is no single result to give. */
public final class OverlappingEditsException extends InvalidEditException {
  private final transient Edit first;
  private final transient Edit second;

  public OverlappingEditsException(Edit first, Edit second) {
    super("overlapping edits: " + Edits.describe(first.span()) + " and " + Edits.describe(second.span()));
    this.first = first;
    this.second = second;
  }

  /** The edit that starts first. */
  public Edit first() {
    return first;
  }

  public Edit second() {
    return second;
  }
}
