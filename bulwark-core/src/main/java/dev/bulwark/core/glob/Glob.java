package dev.bulwark.core.glob;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A path pattern compiled once and matched in time linear in the path: every glob dialect of the
 * project ({@code .dockerignore}, {@code --exclude}, the config's globs) translates its syntax to a
 * regular expression and matches it here. The engine is RE2/J, Go's regexp re-expressed in Java: an
 * automaton, so {@code **}/{@code **}/{@code *a*b*c} cannot backtrack the way {@code java.util.regex}
 * does, and it reads the very syntax (and semantics) Docker's own matcher compiles its patterns to.
 */
public final class Glob {
  /** Any run of characters within one path segment. */
  public static final String IN_SEGMENT = "[^/]*";
  /** One character within a path segment. */
  public static final String ONE_IN_SEGMENT = "[^/]";

  private final Pattern regex;

  private Glob(Pattern regex) {
    this.regex = regex;
  }

  /** A pattern that cannot be compiled; the message names it and what is wrong. */
  public static final class SyntaxException extends IllegalArgumentException {
    public SyntaxException(String message) {
      super(message);
    }
  }

  /** Compiles {@code regex} (Go/RE2 syntax), which the match must cover whole. */
  public static Glob ofRegex(String regex) {
    try {
      return new Glob(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new SyntaxException(e.getDescription());
    }
  }

  /** {@code c} as a regular expression that matches only itself. */
  public static String literal(char c) {
    return Pattern.quote(String.valueOf(c));
  }

  /** True when the whole of {@code path} matches. */
  public boolean matches(String path) {
    return regex.matches(path);
  }

  /** The size of the compiled automaton: matching costs at most this times the path's length. */
  public int programSize() {
    return regex.programSize();
  }

  @Override
  public String toString() {
    return regex.pattern();
  }
}
