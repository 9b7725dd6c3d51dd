package dev.bulwark.cli;

/** The process exit codes of every command. */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int INPUT_ERROR = 2;

  private ExitCodes() {}
}
