package dev.bulwark.sbom;

/**
 * Where a package was found: the index of the image layer that introduced it ({@link #UNKNOWN_LAYER}
 * when not known, e.g. read from an SPDX document) and the file it was read from (null when not known).
 */
public record Location(int layer, String path) {
  public static final int UNKNOWN_LAYER = -1;
  public static final Location UNKNOWN = new Location(UNKNOWN_LAYER, null);
}
