package dev.bulwark.dockerfile.model;

import dev.bulwark.core.text.Span;

/** {@code ARG name[=default]}; {@code defaultValue} is null when none is written; {@code span} is the whole word. */
public record ArgDecl(String name, String defaultValue, Span span) {}
