package dev.bulwark.lint.purpose;

import dev.bulwark.dockerfile.model.ArgDecl;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles that are templates: a FROM, or a global ARG's default (which a FROM reads), names a
 * placeholder ({@code REPLACE-ME}, {@code <image>}, {@code __BASE__}, {@code {{ .Base }}},
 * {@code @@BASE@@}, {@code %%BASE%%}, {@code ${templateOption:imageVariant}}) that a script fills
 * in before the build (devcontainers/images keeps {@code FROM REPLACE-ME} assets, and Dev Container
 * Templates are filled by the devcontainer CLI; Go templates, Jinja, sed and m4 pipelines use the others). Such a file is not built as written: its parse
 * errors are the placeholder's, and what it would ship depends on what is filled in. Build ARGs
 * ({@code ${BASE}}) are not placeholders: BuildKit fills those itself. Pure.
 */
public final class Templates {
  private Templates() {}

  private static final Pattern PLACEHOLDER = Pattern.compile(
      "\\{\\{.*?}}|\\$\\{templateOption:[^}]*}|\\{%.*?%}|<[A-Za-z][\\w .:/-]*>|__[A-Za-z][A-Za-z0-9_]*__|@@[A-Za-z_][\\w]*@@|@[A-Z_][A-Z0-9_]*@|%%[A-Za-z_][\\w]*%%"
          + "|(?i:\\b(?:replace|change)[-_]?me\\b|\\bplaceholder\\b|\\byour[-_](?:base[-_])?image\\b)");

  private static final Pattern TEMPLATE_OPTION = Pattern.compile("\\$\\{templateOption:[^}]*}");

  /**
   * A placeholder as written, the line of the instruction that holds it, that instruction in words ("its FROM"), and the
   * global ARG whose default holds it (null for one written in a FROM).
   */
  public record Placeholder(String text, int line, String where, String arg) {}

  /** Every placeholder of the global ARGs' defaults and the FROMs, in file order of the kinds (ARGs first). */
  public static List<Placeholder> placeholders(BuildModel model) {
    List<Placeholder> out = new ArrayList<>();
    for (ArgDecl a : model.globalArgs()) {
      if (a.defaultValue() != null) {
        Matcher m = PLACEHOLDER.matcher(a.defaultValue());
        if (m.find()) {
          out.add(new Placeholder(m.group(), a.span().startLine(), "the default of ARG " + a.name(), a.name()));
        }
      }
    }
    // a Dev Container Template's option anywhere (ARG GHC_VERSION="${templateOption:ghcVersion}" inside a stage): the
    // devcontainer CLI fills the whole file in, and BuildKit refuses the option's syntax wherever it is expanded
    for (Stage s : model.stages()) {
      for (dev.bulwark.dockerfile.model.Command c : s.commands()) {
        String rest = c.instruction().rest();
        // the literal first: this runs over every instruction of every file, the regex only where it can match
        Matcher m = rest == null || !rest.contains("${templateOption:") ? null : TEMPLATE_OPTION.matcher(rest);
        if (m != null && m.find()) {
          out.add(new Placeholder(m.group(), c.instruction().startLine(), "its " + c.instruction().keyword().toUpperCase(java.util.Locale.ROOT), null));
        }
      }
    }
    List<Placeholder> fromArgs = List.copyOf(out);
    for (Stage s : model.stages()) {
      String found = placeholder(s);
      if (found != null) {
        out.add(new Placeholder(found, s.from().instruction().startLine(), "its FROM", null));
        continue;
      }
      // FROM ${BASE} over ARG BASE=REPLACE-ME: the FROM's error is the placeholder's too
      String from = s.from() == null || s.from().instruction().rest() == null ? "" : s.from().instruction().rest();
      for (Placeholder a : fromArgs) {
        String name = a.arg();
        if (name == null) {
          continue; // a template option inside a stage: no ARG for a FROM to read
        }
        if (from.contains("${" + name) || Pattern.compile("\\$" + Pattern.quote(name) + "\\b").matcher(from).find()) {
          out.add(new Placeholder(a.text(), s.from().instruction().startLine(), "its FROM, through ARG " + name, name));
          break;
        }
      }
    }
    return out;
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
