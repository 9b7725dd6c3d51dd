package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;
import java.util.List;

/** A sequence, block ({@code - a}) or flow ({@code [a, b]}). */
public record YamlSequence(List<YamlNode> items, String tag, Span span) implements YamlNode {
  public YamlSequence {
    items = List.copyOf(items);
  }
}
