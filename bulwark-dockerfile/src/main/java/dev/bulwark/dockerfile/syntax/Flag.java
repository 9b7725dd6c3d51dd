package dev.bulwark.dockerfile.syntax;

/**
 * An instruction flag as BuildKit extracts it: {@code raw} is the word after quote removal,
 * e.g. {@code --from=build}; {@code value} is null for a bare {@code --link}.
 */
public record Flag(String raw, String name, String value) {

  static Flag parse(String raw) {
    String body = raw.startsWith("--") ? raw.substring(2) : raw;
    int eq = body.indexOf('=');
    return eq < 0 ? new Flag(raw, body, null) : new Flag(raw, body.substring(0, eq), body.substring(eq + 1));
  }
}
