package dev.bulwark.dockerfile.shell;

/** A piece of a {@link Word}. */
public sealed interface WordPart {

  /** Text as it reaches the command (quotes removed) or, for expansions, as written. */
  String text();

  /** True when the part came from quotes or an escape. */
  boolean quoted();

  record Literal(String text, boolean quoted) implements WordPart {}

  /** {@code $NAME}, {@code ${NAME...}}, {@code $1}, {@code $@}; {@code name} is the variable. */
  record Parameter(String text, String name, boolean quoted) implements WordPart {}

  /** {@code $(...)} or backquotes, with the parsed inner script. */
  record CommandSubstitution(String text, Script script, boolean quoted) implements WordPart {}

  /** {@code $((...))}. */
  record Arithmetic(String text, boolean quoted) implements WordPart {}
}
