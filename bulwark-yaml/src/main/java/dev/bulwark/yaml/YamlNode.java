package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;

/**
 * A node of a loaded YAML document: a {@link YamlMapping}, a {@link YamlSequence} or a
 * {@link YamlScalar}, each with the span of its text. Immutable; an alias shares the anchored node.
 */
public sealed interface YamlNode permits YamlMapping, YamlSequence, YamlScalar {

  Span span();

  /** The explicit tag ({@code !!str}, {@code !custom}), or null when the node has none. */
  String tag();
}
