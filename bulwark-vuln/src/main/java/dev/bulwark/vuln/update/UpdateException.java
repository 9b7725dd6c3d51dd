package dev.bulwark.vuln.update;

import java.io.IOException;

/** An update that did not replace the database: the message says why and what state the old database is in. */
public final class UpdateException extends IOException {
  private static final long serialVersionUID = 1L;

  UpdateException(String message, Throwable cause) {
    super(message, cause);
  }
}
