package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/**
 * A top-level piece of a Dockerfile. Elements partition the source: their extents are
 * contiguous whole lines, so printing every element's text in order gives back the input.
 */
public sealed interface Element permits Instruction, Trivia {

  /** The whole lines this element covers, line terminators included. */
  Span extent();
}
