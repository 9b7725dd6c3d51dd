package dev.bulwark.vuln.db;

import java.io.IOException;

/** A database file that cannot be used (missing, corrupt, truncated, another format); the message names the file. */
public final class VulnDbException extends IOException {
  private static final long serialVersionUID = 1L;

  VulnDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
