package dev.bulwark.cli;

/** The process exit codes of every command. */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int INPUT_ERROR = 2;
  /** Bulwark's own failure (a bug, or out of memory): never 1, which CI would read as findings. */
  static final int INTERNAL_ERROR = 3;

  private ExitCodes() {}
}
