package dev.bulwark.image.source;

/**
 * Bounds that keep a hostile image from exhausting memory, disk or time. Layers are streamed
 * once and nothing is extracted to disk; only small files of interest are kept in memory.
 *
 * @param maxLayerBytes uncompressed bytes one layer may expand to
 * @param maxRatio uncompressed/compressed ratio above which a large layer is a bomb
 * @param ratioFloorBytes the ratio check applies only past this many uncompressed bytes
 * @param maxEntries tar entries in all layers together (each costs a few microseconds and a few hundred bytes of tree; real images have
 *     well under a million)
 * @param maxCapturedFileBytes the largest file whose content is kept (package databases)
 * @param maxJsonBytes manifests, indexes and configs larger than this are refused
 * @param maxCapturedTotalBytes all kept contents together; past it, further files are listed but not read (bounded heap)
 * @param maxNameBytes the characters of all entry names and link targets together (the merged tree holds them)
 */
public record ImageLimits(
    long maxLayerBytes, long maxRatio, long ratioFloorBytes, long maxEntries, int maxCapturedFileBytes, int maxJsonBytes, long maxCapturedTotalBytes,
    long maxNameBytes) {

  public static final ImageLimits DEFAULT = new ImageLimits(16L << 30, 200, 256L << 20, 1_000_000, 64 << 20, 8 << 20, 128L << 20, 128L << 20);

  public ImageLimits(long maxLayerBytes, long maxRatio, long ratioFloorBytes, long maxEntries, int maxCapturedFileBytes, int maxJsonBytes) {
    this(maxLayerBytes, maxRatio, ratioFloorBytes, maxEntries, maxCapturedFileBytes, maxJsonBytes, DEFAULT.maxCapturedTotalBytes(),
        DEFAULT.maxNameBytes());
  }
}
