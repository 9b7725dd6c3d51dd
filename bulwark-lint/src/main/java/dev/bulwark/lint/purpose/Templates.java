package dev.bulwark.lint.purpose;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles that are templates: a FROM names a placeholder ({@code REPLACE-ME}, {@code <image>},
 * {@code __BASE__}, {@code {{ .Base }}}, {@code @@BASE@@}, {@code %%BASE%%}) that a script fills
 * in before the build (devcontainers/images keeps {@code FROM REPLACE-ME} assets; Go templates,
 * Jinja, sed and m4 pipelines use the others). Such a file is not built as written: its parse
 * errors are the placeholder's, and what it would ship depends on what is filled in. Build ARGs
 * ({@code ${BASE}}) are not placeholders: BuildKit fills those itself. Pure.
 */
public final class Templates {
  private Templates() {}

  private static final Pattern PLACEHOLDER = Pattern.compile(
      "\\{\\{.*?}}|\\{%.*?%}|<[A-Za-z][\\w .:/-]*>|__[A-Za-z][A-Za-z0-9_]*__|@@[A-Za-z_][\\w]*@@|@[A-Z_][A-Z0-9_]*@|%%[A-Za-z_][\\w]*%%"
          + "|(?i:\\b(?:replace|change)[-_]?me\\b|\\bplaceholder\\b|\\byour[-_](?:base[-_])?image\\b)");

  /** The first placeholder a FROM of {@code model} names, as written, or null when the file is no template. */
  public static String placeholder(BuildModel model) {
    for (Stage s : model.stages()) {
      String found = placeholder(s);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The placeholder the stage's FROM names, or null. */
  public static String placeholder(Stage stage) {
    if (stage.from() == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(stage.from().instruction().rest());
    return m.find() ? m.group() : null;
  }
}
