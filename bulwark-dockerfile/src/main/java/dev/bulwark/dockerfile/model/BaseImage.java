package dev.bulwark.dockerfile.model;

import dev.bulwark.core.ref.ImageReference;

/** What a stage is built FROM. */
public sealed interface BaseImage {

  /** A registry image. */
  record Image(ImageReference reference) implements BaseImage {}

  /** An earlier stage of the same Dockerfile. */
  record Stage(int index, String name) implements BaseImage {}

  /** {@code FROM scratch}: an empty filesystem. */
  record Scratch() implements BaseImage {}

  /** A reference that could not be parsed (or still holds an unresolved variable). */
  record Unresolved(String text, String reason) implements BaseImage {}
}
