package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/**
 * A here-document attached to RUN, COPY or ADD. {@code content} is the body as written, line
 * terminators included; {@code chomp} is {@code <<-} (leading tabs stripped); {@code expand} is
 * false when any part of the delimiter was quoted.
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content, Span bodySpan) {

  /** The body as the build sees it: leading tabs removed for {@code <<-}. */
  public String effectiveContent() {
    return chomp ? content.replaceAll("(?m)^\\t+", "") : content;
  }
}
