package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;
import dev.bulwark.core.text.SourceText;
import java.util.List;

/** A loaded YAML file: its text (for spans and pragmas) and its documents in order. */
public record YamlStream(String path, SourceText source, List<YamlDocument> documents) {
  public YamlStream {
    documents = List.copyOf(documents);
  }

  /**
   * The first line of {@code node}, trailing blanks cut: where a finding about a whole mapping (a
   * container, a Compose service) points, rather than at every line of it.
   */
  public Span head(YamlNode node) {
    Span s = node.span();
    if (s.endLine() == s.startLine()) {
      return s;
    }
    int end = source.lineEnd(s.startLine());
    String text = source.text();
    while (end > s.startOffset() && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r' || text.charAt(end - 1) == ' ')) {
      end--;
    }
    return source.span(s.startOffset(), end);
  }
}
