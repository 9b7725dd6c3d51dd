package dev.bulwark.image;

import dev.bulwark.image.source.Layer;
import java.util.List;

/** What an image archive describes: its layout, tags, layers in order and config. */
public record ImageManifest(String format, List<String> tags, List<Layer> layers, ImageConfig config) {}
