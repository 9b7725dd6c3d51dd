package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.ArgDecl;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileTarget;

/**
 * The fix of BW-D002 and BW-D004: the base's tag replaced by the specific release the base-image
 * catalog knows ({@code python:3} to {@code python:3.14.7}, same major and variant), only the
 * tag's characters changed. When the tag comes from an ARG ({@code FROM python:${PY}}, or
 * {@code FROM ${BASE}}), the ARG's default is edited instead; anything else written with
 * variables gets no fix, nor does an image the catalog does not know.
 */
final class TagPin {
  private TagPin() {}

  static Fix of(DockerfileTarget target, Stage stage, ImageReference ref) {
    String pinned = BaseImageCatalog.get().pinnedTag(ref).orElse(null);
    if (pinned == null) {
      return null;
    }
    SourceText source = stage.from().instruction().source();
    Span span = stage.from().instruction().argSpan(0);
    // the image as written (the model's is expanded); quotes or escapes in it: no exact place to edit
    String raw = source.text().substring(span.startOffset(), Math.min(span.endOffset(), source.text().length()));
    if (raw.isEmpty() || raw.indexOf('"') >= 0 || raw.indexOf('\'') >= 0 || raw.indexOf('\\') >= 0 || raw.indexOf('`') >= 0) {
      return null;
    }
    Edit edit;
    if (raw.indexOf('$') < 0) {
      edit = tagEdit(source, span.startOffset(), raw, pinned);
    } else {
      edit = argEdit(target, source, span, raw, pinned);
    }
    if (edit == null) {
      return null;
    }
    String shown = ref.familiarName() + ":" + pinned;
    return Fix.safe("Pin " + ref.familiarName() + ":" + (ref.tag() == null ? "latest" : ref.tag()) + " to " + shown
        + ", the newest release in Bulwark's catalog; let Renovate or Dependabot keep it current", edit);
  }

  /** The edit that replaces (or adds) the tag of the reference written at {@code at}, or null when it has a variable or digest there. */
  private static Edit tagEdit(SourceText source, int at, String ref, String pinned) {
    if (ref.indexOf('@') >= 0) {
      return null;
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return ref.substring(colon + 1).indexOf('$') >= 0 ? null : Edit.replace(source, at + colon + 1, at + ref.length(), pinned);
    }
    return Edit.insert(source, at + ref.length(), ":" + pinned);
  }

  /** {@code FROM ${BASE}} or {@code FROM name:${TAG}}: edits the default of the ARG that holds the tag. */
  private static Edit argEdit(DockerfileTarget target, SourceText source, Span from, String raw, String pinned) {
    String whole = variable(raw);
    if (whole != null) {
      ArgDecl arg = lastDefault(target, whole, from.startOffset());
      int at = arg == null ? -1 : valueOffset(source, arg);
      return at < 0 || arg.defaultValue().indexOf('$') >= 0 ? null : tagEdit(source, at, arg.defaultValue(), pinned);
    }
    int slash = raw.lastIndexOf('/');
    int colon = raw.lastIndexOf(':');
    if (colon < slash || colon < 0 || raw.substring(0, colon).indexOf('$') >= 0) {
      return null;
    }
    String name = variable(raw.substring(colon + 1));
    ArgDecl arg = name == null ? null : lastDefault(target, name, from.startOffset());
    int at = arg == null ? -1 : valueOffset(source, arg);
    if (at < 0 || arg.defaultValue().indexOf('$') >= 0 || arg.defaultValue().indexOf('-') >= 0 && !pinned.endsWith(arg.defaultValue().substring(arg.defaultValue().indexOf('-')))) {
      return null;
    }
    return Edit.replace(source, at, at + arg.defaultValue().length(), pinned);
  }

  /** The name in {@code $NAME} or {@code ${NAME}} when that is all of {@code s}, else null. */
  private static String variable(String s) {
    String name = s.startsWith("${") && s.endsWith("}") ? s.substring(2, s.length() - 1) : s.startsWith("$") ? s.substring(1) : null;
    return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : null;
  }

  /** The last global {@code ARG name=default} before {@code offset}. */
  private static ArgDecl lastDefault(DockerfileTarget target, String name, int offset) {
    ArgDecl found = null;
    for (ArgDecl a : target.model().globalArgs()) {
      if (a.name().equals(name) && a.span().startOffset() < offset) {
        found = a;
      }
    }
    return found == null || found.defaultValue() == null || found.defaultValue().isEmpty() ? null : found;
  }

  /** Where the default's text starts, when the ARG is written plainly as {@code NAME=default} (no quotes), else -1. */
  private static int valueOffset(SourceText source, ArgDecl arg) {
    int at = arg.span().startOffset();
    String plain = arg.name() + "=" + arg.defaultValue();
    return arg.span().endOffset() - at == plain.length() && written(source, at, plain) ? at + arg.name().length() + 1 : -1;
  }

  private static boolean written(SourceText source, int at, String text) {
    return at >= 0 && at + text.length() <= source.text().length() && source.text().regionMatches(at, text, 0, text.length());
  }
}
