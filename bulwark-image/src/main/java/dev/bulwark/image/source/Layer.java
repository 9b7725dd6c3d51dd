package dev.bulwark.image.source;

/**
 * One layer as the manifest lists it: where its blob is, the digest it must have (null for the
 * legacy docker-save layout, which names layers by path), its declared media type and size, and
 * the digest of its uncompressed content from the config ({@code diffId}).
 */
public record Layer(int index, String blobPath, Digest blobDigest, String mediaType, long size, Digest diffId) {}
