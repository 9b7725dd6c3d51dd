package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;
import java.util.List;

/**
 * A mapping in the order its keys were written. Keys are scalars (Kubernetes and Compose have no
 * other kind; the loader refuses the rest) and unique (a duplicate is a load error, as Kubernetes'
 * strict decoding makes it). Entries merged in through {@code <<: *anchor} follow the written ones.
 */
public record YamlMapping(List<Entry> entries, String tag, Span span) implements YamlNode {

  /** One key and its value. */
  public record Entry(YamlScalar key, YamlNode value) {}

  public YamlMapping {
    entries = List.copyOf(entries);
  }

  /** The value under {@code key}, or null when there is none. Mappings are small: a scan, no index. */
  public YamlNode get(String key) {
    Entry e = entry(key);
    return e == null ? null : e.value();
  }

  /** The entry of {@code key}, or null when there is none. */
  public Entry entry(String key) {
    for (Entry e : entries) {
      if (e.key().value().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The value under {@code key} when it is a mapping, else null. */
  public YamlMapping mapping(String key) {
    return get(key) instanceof YamlMapping m ? m : null;
  }

  /** The value under {@code key} when it is a sequence, else null. */
  public YamlSequence sequence(String key) {
    return get(key) instanceof YamlSequence s ? s : null;
  }

  /** The value under {@code key} when it is a non-null scalar, else null. */
  public YamlScalar scalar(String key) {
    return get(key) instanceof YamlScalar s && !s.isNull() ? s : null;
  }

  /** The text of the non-null scalar under {@code key}, else null. */
  public String string(String key) {
    YamlScalar s = scalar(key);
    return s == null ? null : s.value();
  }
}
