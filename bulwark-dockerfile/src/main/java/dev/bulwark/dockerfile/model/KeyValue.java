package dev.bulwark.dockerfile.model;

/** A name and its value, after variable expansion (ENV, LABEL). */
public record KeyValue(String key, String value) {}
