package dev.bulwark.sbom;

/** The operating system an SBOM describes: os-release {@code ID}, {@code VERSION_ID} (may be null) and a name for people. */
public record OperatingSystem(String id, String version, String name) {}
