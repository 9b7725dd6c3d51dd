package dev.bulwark.cli;

import dev.bulwark.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import dev.bulwark.scan.InputFiles;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.util.regex.PatternSyntaxException;

/**
 * A failure turned into the one line a user reads, and its exit code: a problem with the input or
 * the environment (a missing file, a full disk) in words, exit 2; anything else is Bulwark's bug,
 * exit 3, never 1, which CI reads as "findings".
 */
final class Failures {
  /** Messages are cut here: a rejected 3 MB pattern must not fill the terminal. */
  static final int MAX_LINE = 300;

  private Failures() {}

  /** Prints the line (and with {@code debug} the trace) for a failure that reached the top; returns the exit code. */
  static int report(Throwable e, boolean debug, PrintWriter err) {
    String words = inWords(e);
    int code;
    if (words != null) {
      err.println("bulwark: error: " + words);
      code = ExitCodes.INPUT_ERROR;
    } else if (e instanceof OutOfMemoryError) {
      err.println("bulwark: error: out of memory (heap cap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB); raise it with BULWARK_JAVA_OPTS=-Xmx4g");
      code = ExitCodes.INTERNAL_ERROR;
    } else {
      err.println("bulwark: internal error: " + e.getClass().getSimpleName() + where(e)
          + " — this is a bug in Bulwark; run again with --debug for the trace, and please report it");
      code = ExitCodes.INTERNAL_ERROR;
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The failure in words when it is about the input or the environment; null when it is a bug. */
  static String inWords(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      return inWords(u.getCause());
    }
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8"; // the JDK's words are "Input length = 1"
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return oneLine(f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(f));
    }
    if (e instanceof IOException) {
      return oneLine(e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage());
    }
    if (e instanceof PatternSyntaxException p) {
      return "invalid pattern: " + oneLine(p.getDescription()); // not getMessage(): it quotes the whole pattern
    }
    if (e instanceof InvalidPathException p) {
      return oneLine(p.getInput() + ": not a valid path (" + p.getReason() + ")");
    }
    return null;
  }

  private static String reason(FileSystemException f) {
    return InputFiles.describe(f); // one mapping of exception types to words, shared with the scan's own errors
  }

  /** The first Bulwark frame: tells a bug report where it happened without the trace. */
  private static String where(Throwable e) {
    for (StackTraceElement s : e.getStackTrace()) {
      if (s.getClassName().startsWith("dev.bulwark.")) {
        return " in " + s.getClassName().substring(s.getClassName().lastIndexOf('.') + 1) + "." + s.getMethodName();
      }
    }
    return "";
  }

  /** One line of at most {@link #MAX_LINE} characters, control characters escaped (messages quote input). */
  static String oneLine(String s) {
    String line = Escape.terminal(s.strip().replaceAll("\\s*\\R\\s*", " "));
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
  }
}
