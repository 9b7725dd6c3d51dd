package dev.bulwark.image.registry;

import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.image.source.ImageException;
import java.io.IOException;

/**
 * Resolves an image tag to the digest it points to now, for pinning ({@code FROM python:3.13@sha256:…}).
 * The digest is the manifest's as the registry serves it under the tag: the index (manifest list)
 * of a multi-platform image, so the pin holds for every platform.
 */
public interface DigestResolver {
  /** The {@code sha256:…} digest {@code ref}'s tag points to (its digest, when it already has one). */
  String resolve(ImageReference ref) throws IOException, ImageException, InterruptedException;
}
