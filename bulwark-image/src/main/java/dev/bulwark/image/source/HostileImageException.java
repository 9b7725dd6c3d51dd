package dev.bulwark.image.source;

/**
 * An image that tries to escape or exhaust the reader: path traversal, links out of the image
 * root, decompression bombs, digests that do not match. It is refused, never half-read.
 */
public final class HostileImageException extends ImageException {
  public HostileImageException(String message) {
    super(message);
  }
}
