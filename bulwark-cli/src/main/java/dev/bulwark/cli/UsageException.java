package dev.bulwark.cli;

/** A command line that names things that do not exist (an unknown format, a bad severity). */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message, null, false, false);
  }
}
