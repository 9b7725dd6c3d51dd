package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;

/** One document of a YAML stream ({@code ---} separates them); {@code root} is null for an empty document. */
public record YamlDocument(YamlNode root, int index, Span span) {}
