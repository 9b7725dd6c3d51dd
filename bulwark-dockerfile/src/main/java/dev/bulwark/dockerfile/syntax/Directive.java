package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;

/** A parser directive such as {@code # escape=`}; {@code name} is lower case. */
public record Directive(String name, String value, Span span) {}
