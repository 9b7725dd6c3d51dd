package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;

import java.util.List;

/**
 * The lossless syntax tree of a Dockerfile: parser directives, every line as an element, and
 * the problems BuildKit would report. {@link #print()} reproduces the input exactly.
 */
public record Dockerfile(
    SourceText source,
    List<Element> elements,
    List<Instruction> instructions,
    List<Directive> directives,
    char escapeToken,
    List<Diagnostic> diagnostics) {

  public String directive(String name) {
    for (Directive d : directives) {
      if (d.name().equals(name)) {
        return d.value();
      }
    }
    return null;
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The source text rebuilt from the elements' extents. */
  public String print() {
    StringBuilder sb = new StringBuilder(source.text().length());
    for (Element e : elements) {
      sb.append(source.text(), e.extent().startOffset(), e.extent().endOffset());
    }
    return sb.toString();
  }
}
