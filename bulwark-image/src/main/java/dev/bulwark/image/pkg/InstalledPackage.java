package dev.bulwark.image.pkg;

/**
 * A package installed in the image: ecosystem ({@code deb}, {@code apk}), name, version,
 * architecture, source package and its version (for vulnerability matching: Debian advisories
 * are per source package), license when recorded, its package URL, the layer that introduced
 * it and the database file it was read from.
 */
public record InstalledPackage(
    String type, String name, String version, String arch, String source, String sourceVersion, String license, String purl, int layer,
    String foundIn) {}
