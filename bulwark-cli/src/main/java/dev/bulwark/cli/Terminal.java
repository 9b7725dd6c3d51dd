package dev.bulwark.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal (that wants colour, that can show progress). */
final class Terminal {
  private Terminal() {}

  static boolean colorsWanted() {
    return System.getenv("NO_COLOR") == null && interactive();
  }

  /** Whether the user watches a terminal that can redraw a line (progress bars): not redirected, not {@code TERM=dumb}. */
  static boolean interactive() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      // JDK 22+ returns a Console even when redirected; isTerminal() tells the difference.
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
