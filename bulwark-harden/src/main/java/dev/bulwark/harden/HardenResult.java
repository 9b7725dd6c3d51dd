package dev.bulwark.harden;

import java.util.List;

/** What {@link Harden} gives for one variant: the hardened Dockerfile, or a refusal saying why. */
public sealed interface HardenResult {

  Variant variant();

  /**
   * {@code text} is the variant's Dockerfile; {@code notes} are what a reviewer must look at: each
   * build step not carried over (also a {@code # TODO(bulwark):} comment in the text) and each
   * change to the build's meaning (a base re-pointed, a port remapped).
   */
  record Hardened(Variant variant, String text, List<Note> notes) implements HardenResult {}

  /** Nothing written: {@code reason} is the kind, {@code message} says why in words. */
  record Refused(Variant variant, Reason reason, String message) implements HardenResult {}

  /** A note on a hardened variant; {@code todo} marks a step left for a person. */
  record Note(boolean todo, String message) {
    @Override
    public String toString() {
      return (todo ? "TODO: " : "") + message;
    }
  }

  /** Why a variant was refused. */
  enum Reason {
    PARSE_ERROR, WINDOWS, NO_STAGE, NO_START_COMMAND, UNKNOWN_APP, NEEDS_SHELL, NOT_STATIC, UNSUPPORTED, DEVELOPMENT
  }
}
