package dev.bulwark.vuln.osv;

/** A record that is not valid OSV, or that this importer cannot read faithfully; the message says which part. */
public final class OsvFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  OsvFormatException(String message) {
    super(message);
  }
}
