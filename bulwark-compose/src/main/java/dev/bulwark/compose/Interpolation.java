package dev.bulwark.compose;

/**
 * Compose's variable interpolation, as compose-go's {@code template} package does it: {@code $VAR}
 * and {@code ${VAR}}; {@code ${VAR:-default}} (unset or empty) and {@code ${VAR-default}} (unset);
 * {@code ${VAR:?error}} and {@code ${VAR?error}}, which fail the load; {@code ${VAR:+alt}} (set and
 * not empty) and {@code ${VAR+alt}} (set); {@code $$} for a literal {@code $}. Defaults, alternatives
 * and error texts are interpolated themselves, so they nest ({@code ${A:-${B:-x}}}). A {@code $}
 * before anything else stays a {@code $}; a {@code ${} that is not one of these forms is an error.
 * An unset variable without a default is the empty string, with a warning, as compose does.
 *
 * <p>Bounded: a value's expansion is capped ({@link #MAX_VALUE}), and so is the nesting depth, so
 * hostile text or a hostile environment costs linear time and bounded memory.
 */
final class Interpolation {
  /** The longest a value may grow to by expansion. */
  static final int MAX_VALUE = 1 << 20;
  /** How deep defaults may nest. */
  static final int MAX_DEPTH = 32;

  /** Why a value cannot be interpolated (the caller adds where it is). */
  static final class Failure extends Exception {
    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A variable's value, or null when it is not set. */
  interface Lookup {
    String get(String name);
  }

  /** Where unset variables are told. */
  interface Warnings {
    void unset(String variable);
  }

  private final Lookup env;
  private final Warnings warnings;

  Interpolation(Lookup env, Warnings warnings) {
    this.env = env;
    this.warnings = warnings;
  }

  /** True when {@code text} has a {@code $}: nothing to do otherwise. */
  static boolean needed(String text) {
    return text.indexOf('$') >= 0;
  }

  String substitute(String text) throws Failure {
    StringBuilder out = new StringBuilder(text.length());
    substitute(text, out, 0);
    return out.toString();
  }

  private void substitute(String text, StringBuilder out, int depth) throws Failure {
    if (depth > MAX_DEPTH) {
      throw new Failure("variables nested more than " + MAX_DEPTH + " levels deep");
    }
    int n = text.length();
    int i = 0;
    while (i < n) {
      int dollar = text.indexOf('$', i);
      if (dollar < 0) {
        append(out, text, i, n);
        break;
      }
      append(out, text, i, dollar);
      if (dollar + 1 >= n) {
        append(out, "$", 0, 1);
        break;
      }
      char c = text.charAt(dollar + 1);
      if (c == '$') {
        append(out, "$", 0, 1);
        i = dollar + 2;
      } else if (c == '{') {
        int close = closingBrace(text, dollar);
        if (close < 0) {
          throw new Failure("invalid interpolation format: " + quote(text.substring(dollar)) + " has no closing }");
        }
        braced(text.substring(dollar + 2, close), out, depth);
        i = close + 1;
      } else if (nameStart(c)) {
        int end = nameEnd(text, dollar + 1);
        String v = value(text.substring(dollar + 1, end));
        append(out, v, 0, v.length());
        i = end;
      } else {
        append(out, "$", 0, 1); // $5, "$ ": not a variable, compose leaves it
        i = dollar + 1;
      }
    }
  }

  /** The } that closes the ${ at {@code dollar}: a nested ${ opens one more (compose-go counts only those). */
  private static int closingBrace(String s, int dollar) {
    int open = 0;
    for (int i = dollar; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }

  /** The inside of a ${…}: a name, then nothing or an operator and its text. */
  private void braced(String inside, StringBuilder out, int depth) throws Failure {
    if (inside.isEmpty() || !nameStart(inside.charAt(0))) {
      throw new Failure("invalid interpolation format: " + quote("${" + inside + "}"));
    }
    int end = nameEnd(inside, 0);
    String name = inside.substring(0, end);
    if (end == inside.length()) {
      String v = value(name);
      append(out, v, 0, v.length());
      return;
    }
    boolean colon = inside.charAt(end) == ':';
    int op = colon ? end + 1 : end;
    char kind = op < inside.length() ? inside.charAt(op) : 0;
    if (kind != '-' && kind != '?' && kind != '+') {
      throw new Failure("invalid interpolation format: " + quote("${" + inside + "}"));
    }
    String rest = inside.substring(op + 1);
    String v = env.get(name);
    boolean present = colon ? v != null && !v.isEmpty() : v != null;
    switch (kind) {
      case '-' -> {
        if (present) {
          append(out, v, 0, v.length());
        } else {
          substitute(rest, out, depth + 1);
        }
      }
      case '+' -> {
        if (present) {
          substitute(rest, out, depth + 1);
        }
      }
      default -> {
        if (!present) {
          StringBuilder why = new StringBuilder();
          substitute(rest, why, depth + 1);
          throw new Failure("required variable " + name + " is missing a value" + (why.isEmpty() ? "" : ": " + why));
        }
        append(out, v, 0, v.length());
      }
    }
  }

  private String value(String name) {
    String v = env.get(name);
    if (v == null) {
      warnings.unset(name);
      return "";
    }
    return v;
  }

  private static void append(StringBuilder out, CharSequence s, int from, int to) throws Failure {
    if (out.length() + (to - from) > MAX_VALUE) {
      throw new Failure("a value grows past " + (MAX_VALUE >> 20) + " MiB when its variables are expanded");
    }
    out.append(s, from, to);
  }

  static boolean nameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static int nameEnd(String s, int from) {
    int i = from;
    while (i < s.length() && (nameStart(s.charAt(i)) || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
      i++;
    }
    return i;
  }

  private static String quote(String s) {
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
  }
}
