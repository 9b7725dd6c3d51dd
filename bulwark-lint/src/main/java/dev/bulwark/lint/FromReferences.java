package dev.bulwark.lint;

import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.dockerfile.model.ArgDecl;
import dev.bulwark.dockerfile.model.Stage;

/**
 * Where a FROM's base reference is written, for edits of its tag (the BW-D002/BW-D004 pin) or of
 * its digest ({@code fix --pin-digest}): in the FROM itself, or in the default of the global ARG
 * it takes the reference ({@code FROM ${BASE}}) or the tag ({@code FROM name:${TAG}}) from. Null
 * whenever the place is not exact: quotes or escapes, other variables, a digest already there, an
 * ARG written other than plainly as {@code NAME=default}.
 */
public final class FromReferences {
  private FromReferences() {}

  /**
   * The tag's characters, {@code [tagStart, tagEnd)} of the source; with no tag, {@code tagStart ==
   * tagEnd} at the end of the repository name (where {@code :tag} would go).
   */
  public record Site(SourceText source, int tagStart, int tagEnd, boolean tagged) {
    /** Replaces the tag (or adds one). */
    public Edit replaceTag(String tag) {
      return tagged ? Edit.replace(source, tagStart, tagEnd, tag) : Edit.insert(source, tagEnd, ":" + tag);
    }

    /** Appends {@code @digest} after the tag (the tag is kept: {@code image:tag@sha256:…}). */
    public Edit appendDigest(String digest) {
      return Edit.insert(source, tagEnd, "@" + digest);
    }
  }

  public static Site locate(DockerfileTarget target, Stage stage) {
    if (stage.from() == null || stage.from().instruction().argSpans().isEmpty()) {
      return null;
    }
    SourceText source = stage.from().instruction().source();
    int start = stage.from().instruction().argSpan(0).startOffset();
    int end = Math.min(stage.from().instruction().argSpan(0).endOffset(), source.text().length());
    String raw = source.text().substring(start, end); // as written: the model's image is expanded
    if (raw.isEmpty() || !plain(raw)) {
      return null;
    }
    if (raw.indexOf('$') < 0) {
      return inReference(source, start, raw);
    }
    String whole = variable(raw);
    if (whole != null) {
      ArgDecl arg = lastDefault(target, whole, start);
      int at = arg == null ? -1 : valueOffset(source, arg);
      return at < 0 || arg.defaultValue().indexOf('$') >= 0 ? null : inReference(source, at, arg.defaultValue());
    }
    int slash = raw.lastIndexOf('/');
    int colon = raw.lastIndexOf(':');
    if (colon < 0 || colon < slash || raw.substring(0, colon).indexOf('$') >= 0) {
      return null;
    }
    String name = variable(raw.substring(colon + 1));
    ArgDecl arg = name == null ? null : lastDefault(target, name, start);
    int at = arg == null ? -1 : valueOffset(source, arg);
    if (at < 0 || arg.defaultValue().indexOf('$') >= 0 || arg.defaultValue().indexOf('@') >= 0) {
      return null;
    }
    return new Site(source, at, at + arg.defaultValue().length(), true);
  }

  private static boolean plain(String s) {
    return s.indexOf('"') < 0 && s.indexOf('\'') < 0 && s.indexOf('\\') < 0 && s.indexOf('`') < 0;
  }

  /** The tag of the reference {@code ref} written at {@code at}, or null when it has a digest or a variable in its tag. */
  private static Site inReference(SourceText source, int at, String ref) {
    if (ref.indexOf('@') >= 0) {
      return null;
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return ref.substring(colon + 1).indexOf('$') >= 0 ? null : new Site(source, at + colon + 1, at + ref.length(), true);
    }
    return new Site(source, at + ref.length(), at + ref.length(), false);
  }

  /** The name in {@code $NAME} or {@code ${NAME}} when that is all of {@code s}, else null. */
  private static String variable(String s) {
    String name = s.startsWith("${") && s.endsWith("}") ? s.substring(2, s.length() - 1) : s.startsWith("$") ? s.substring(1) : null;
    return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : null;
  }

  /** The last global {@code ARG name=default} before {@code offset}, when it has a default. */
  private static ArgDecl lastDefault(DockerfileTarget target, String name, int offset) {
    ArgDecl found = null;
    for (ArgDecl a : target.model().globalArgs()) {
      if (a.name().equals(name) && a.span().startOffset() < offset) {
        found = a;
      }
    }
    return found == null || found.defaultValue() == null || found.defaultValue().isEmpty() ? null : found;
  }

  /** Where the default's text starts, when the ARG is written plainly as {@code NAME=default}, else -1. */
  private static int valueOffset(SourceText source, ArgDecl arg) {
    int at = arg.span().startOffset();
    String plain = arg.name() + "=" + arg.defaultValue();
    boolean exact = arg.span().endOffset() - at == plain.length() && at + plain.length() <= source.text().length()
        && source.text().regionMatches(at, plain, 0, plain.length());
    return exact ? at + arg.name().length() + 1 : -1;
  }
}
