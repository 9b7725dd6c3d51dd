package dev.bulwark.compose;

import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlStream;
import java.util.IdentityHashMap;

/**
 * Which file each node of a merged project comes from: its spans are offsets into that file's text.
 * By identity, as aliases share nodes; a node made by interpolation or merging is recorded with the
 * file of the node it replaces (a merged service: the first file that defines it). Written while
 * the project loads, read only after.
 */
final class Origins {
  private final IdentityHashMap<YamlNode, YamlStream> files = new IdentityHashMap<>();

  void put(YamlNode node, YamlStream file) {
    files.put(node, file);
  }

  /** The file {@code node} is in, or {@code fallback} for a node this project did not load. */
  YamlStream of(YamlNode node, YamlStream fallback) {
    YamlStream s = files.get(node);
    return s == null ? fallback : s;
  }
}
