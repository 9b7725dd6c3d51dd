package dev.bulwark.dockerfile.model;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of {@code top} over {@code bottom} (top wins): the variables one step sees,
 * without merging ARG and ENV into a new map at every instruction.
 */
final class OverlayMap extends AbstractMap<String, String> {
  private final Map<String, String> top;
  private final Map<String, String> bottom;
  private Map<String, String> merged; // built only when someone iterates

  OverlayMap(Map<String, String> top, Map<String, String> bottom) {
    this.top = top;
    this.bottom = bottom;
  }

  @Override
  public String get(Object key) {
    String v = top.get(key);
    return v != null ? v : bottom.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return top.containsKey(key) || bottom.containsKey(key);
  }

  @Override
  public String getOrDefault(Object key, String defaultValue) {
    String v = get(key);
    return v != null ? v : defaultValue;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return merged().entrySet();
  }

  @Override
  public int size() {
    return merged().size();
  }

  private Map<String, String> merged() {
    if (merged == null) {
      Map<String, String> m = new HashMap<>(bottom);
      m.putAll(top);
      merged = Map.copyOf(m);
    }
    return merged;
  }
}
