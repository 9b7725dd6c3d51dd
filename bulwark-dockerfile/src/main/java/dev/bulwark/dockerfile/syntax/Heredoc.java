package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
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

  /** Offsets in {@link #content()} to source spans: the body is a verbatim copy of its lines. */
  public SourceMap contentMap(SourceText source) {
    return SourceMap.verbatim(source, bodySpan.startOffset());
  }

  /** Offsets in {@link #effectiveContent()} to source spans (skipping the stripped tabs). */
  public SourceMap effectiveMap(SourceText source) {
    if (!chomp) {
      return contentMap(source);
    }
    int[] kept = new int[content.length()];
    int n = 0;
    boolean lineStart = true;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (!(lineStart && c == '\t')) {
        kept[n++] = i;
        lineStart = c == '\n';
      }
    }
    return contentMap(source).through(java.util.Arrays.copyOf(kept, n));
  }
}
