package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.LayerReader.FileVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The layer at which each package of a text database first appears, from every layer's copy of the file. */
final class FirstLayers {
  private FirstLayers() {}

  /** At most {@code max} entries; past it (the parser returns one more to tell) a gap names the database and the limit. */
  static <T> List<T> capped(List<T> entries, int max, String what, List<String> gaps) {
    if (entries.size() <= max) {
      return entries;
    }
    gaps.add(what + " lists more than " + max + " packages (the limit): the rest are missing");
    return entries.subList(0, max);
  }

  /** {@code keys} lists the name@version keys of one copy's packages. */
  static Map<String, Integer> of(List<FileVersion> versions, Function<String, List<String>> keys) {
    Map<String, Integer> first = new HashMap<>();
    if (versions == null) {
      return first;
    }
    for (FileVersion v : versions) {
      for (String key : keys.apply(new String(v.content(), StandardCharsets.UTF_8))) {
        first.putIfAbsent(key, v.layer());
      }
    }
    return first;
  }
}
