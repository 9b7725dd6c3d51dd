package dev.bulwark.cli;

import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Edits;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.image.registry.DigestResolver;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.FromReferences;
import dev.bulwark.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fix --pin-digest}: every FROM of a registry image gets the digest its tag points to now
 * ({@code python:3.13} becomes {@code python:3.13@sha256:…}; the tag stays for readers and bots).
 * Earlier stages, scratch and references pinned already are left alone; a reference not written
 * plainly (see {@link FromReferences}) or one the registry cannot resolve is reported and skipped.
 */
final class DigestPins {
  private final DigestResolver resolver;
  private final Map<String, String> resolved = new HashMap<>();
  private final PrintWriter err;
  int pinned;
  boolean failed;

  DigestPins(DigestResolver resolver, PrintWriter err) {
    this.resolver = resolver;
    this.err = err;
  }

  /** {@code text} with its FROM images pinned by digest. */
  String pin(String path, String text) {
    DockerfileTarget target = DockerfileTarget.parse(path, text);
    List<Edit> edits = new ArrayList<>();
    Set<Integer> at = new HashSet<>(); // two FROMs of one ARG default: one pin
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref == null || ref.digest() != null) {
        continue;
      }
      String where = path + ":" + stage.from().instruction().argSpan(0).startLine() + ":" + stage.from().instruction().argSpan(0).startColumn();
      FromReferences.Site site = FromReferences.locate(target, stage);
      if (site == null) {
        err.println(Escape.terminal(where + " " + ref.familiarName() + ": not pinned (the reference is not written plainly enough to edit)"));
        continue;
      }
      String digest = digest(where, ref);
      if (digest == null || !at.add(site.tagEnd())) {
        continue;
      }
      edits.add(site.appendDigest(digest));
      pinned++;
      err.println(Escape.terminal(where + " pin-digest Pin " + ref.familiarName() + ":" + ref.effectiveTag() + " to its digest " + digest));
    }
    return edits.isEmpty() ? text : Edits.apply(text, edits);
  }

  /**
   * The same resolution for {@code harden --pin-digest}, which writes the FROM lines itself: each
   * image it names once, errors reported under {@code where}, an unresolvable one left as a tag.
   */
  dev.bulwark.harden.DigestLookup lookup(String where) {
    return image -> {
      ImageReference ref;
      try {
        ref = ImageReference.parse(image);
      } catch (ImageReference.InvalidReferenceException e) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.ofNullable(ref.digest() != null ? null : digest(where, ref));
    };
  }

  private String digest(String where, ImageReference ref) {
    String key = ref.normalized();
    if (resolved.containsKey(key)) {
      return resolved.get(key);
    }
    String digest = null;
    try {
      digest = resolver.resolve(ref);
    } catch (IOException | ImageException e) {
      err.println(Escape.terminal("bulwark: error: " + where + " cannot resolve " + ref.familiarName() + ":" + ref.effectiveTag() + ": "
          + Failures.oneLine(String.valueOf(e.getMessage())) + " (not pinned)"));
      failed = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = true;
    }
    resolved.put(key, digest);
    return digest;
  }
}
