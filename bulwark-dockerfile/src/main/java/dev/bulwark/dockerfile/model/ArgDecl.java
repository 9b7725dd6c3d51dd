package dev.bulwark.dockerfile.model;

/** {@code ARG name[=default]}; {@code defaultValue} is null when none is written. */
public record ArgDecl(String name, String defaultValue) {}
