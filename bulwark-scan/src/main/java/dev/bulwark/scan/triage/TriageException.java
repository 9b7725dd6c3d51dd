package dev.bulwark.scan.triage;

/** A VEX document or an ignore file that cannot be used: one line, {@code file[:line]: reason}. */
public final class TriageException extends Exception {
  public TriageException(String message) {
    super(message, null, false, false);
  }
}
