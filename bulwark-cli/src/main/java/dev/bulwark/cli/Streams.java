package dev.bulwark.cli;

import java.io.PrintWriter;

/** Standard output's health: PrintWriter and PrintStream swallow write errors, so a full disk or closed pipe must be asked about. */
final class Streams {
  private Streams() {}

  /**
   * Flushes {@code out}; true (and says so on {@code err}) when a write to it or to System.out failed,
   * e.g. {@code >/dev/full}. Picocli's writer wraps System.out in a Writer, so its own flag never sees the error.
   */
  static boolean stdoutFailed(PrintWriter out, PrintWriter err) {
    boolean failed = out.checkError() | System.out.checkError();
    if (failed) {
      err.println("bulwark: error: cannot write to standard output (disk full, or the reader closed it)");
      err.flush();
    }
    return failed;
  }
}
