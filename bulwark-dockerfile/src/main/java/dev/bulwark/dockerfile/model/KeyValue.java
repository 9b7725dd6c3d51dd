package dev.bulwark.dockerfile.model;

import dev.bulwark.core.text.Span;

/** A name and its value, after variable expansion (ENV, LABEL), with where each was written. */
public record KeyValue(String key, String value, Span keySpan, Span valueSpan) {}
