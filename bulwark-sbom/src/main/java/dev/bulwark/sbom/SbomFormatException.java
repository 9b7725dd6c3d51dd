package dev.bulwark.sbom;

/** An SBOM document that cannot be read: a one-line reason, no stack trace. */
public final class SbomFormatException extends Exception {
  public SbomFormatException(String message) {
    super(message, null, false, false);
  }

  public SbomFormatException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
