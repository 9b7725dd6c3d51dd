package dev.bulwark.dockerfile.model;

import dev.bulwark.core.ref.ImageReference;

/**
 * {@code COPY --from=X}: {@code stageIndex} is the stage copied from, or -1 when {@code from}
 * names an image (then {@code image} holds it when parseable).
 */
public record CopyEdge(int stageIndex, String from, ImageReference image, Command.Copy copy) {}
