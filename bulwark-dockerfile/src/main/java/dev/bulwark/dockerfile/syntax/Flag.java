package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/**
 * An instruction flag as BuildKit extracts it: {@code raw} is the word after quote removal,
 * e.g. {@code --from=build}; {@code value} is null for a bare {@code --link}; {@code span} is
 * the whole flag as written.
 */
public record Flag(String raw, String name, String value, Span span) {

  static Flag parse(String raw, Span span) {
    String body = raw.startsWith("--") ? raw.substring(2) : raw;
    int eq = body.indexOf('=');
    return eq < 0 ? new Flag(raw, body, null, span) : new Flag(raw, body.substring(0, eq), body.substring(eq + 1), span);
  }
}
