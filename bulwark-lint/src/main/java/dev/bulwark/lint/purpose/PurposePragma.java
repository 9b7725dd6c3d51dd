package dev.bulwark.lint.purpose;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.PurposeVerdict;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.Element;
import dev.bulwark.dockerfile.syntax.Trivia;

/**
 * {@code # bulwark purpose=base} in a Dockerfile's comments: the author says what the file is for,
 * which wins over inference (the project config wins over both). A trailing {@code # reason} is kept
 * as the verdict's reason.
 */
public final class PurposePragma {
  private PurposePragma() {}

  private static final String KEY = "purpose";

  /** The first purpose pragma's verdict; null when there is none. A word Bulwark does not know is an error verdict's reason. */
  public static Result find(Dockerfile file) {
    for (Element e : file.elements()) {
      if (!(e instanceof Trivia t) || t.kind() != Trivia.Kind.COMMENT) {
        continue;
      }
      String c = t.text().strip();
      if (!c.startsWith("#")) {
        continue;
      }
      String body = c.substring(1).strip();
      if (!body.startsWith("bulwark")) {
        continue;
      }
      body = body.substring("bulwark".length()).strip();
      if (!body.startsWith(KEY)) {
        continue;
      }
      body = body.substring(KEY.length()).strip();
      if (!body.startsWith("=")) {
        continue;
      }
      body = body.substring(1).strip();
      int hash = body.indexOf('#');
      String word = (hash < 0 ? body : body.substring(0, hash)).strip();
      String reason = hash < 0 ? "" : body.substring(hash + 1).strip();
      int line = t.extent().startLine();
      try {
        Purpose p = Purpose.parse(word);
        return new Result(new PurposeVerdict(p, PurposeVerdict.Source.PRAGMA, reason.isEmpty() ? "line " + line : reason), null);
      } catch (IllegalArgumentException bad) {
        return new Result(null, "line " + line + ": " + bad.getMessage());
      }
    }
    return null;
  }

  /** A verdict, or the problem with the pragma (an unknown word) when there is none. */
  public record Result(PurposeVerdict verdict, String problem) {}
}
