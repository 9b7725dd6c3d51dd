package dev.bulwark.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * Whether a loaded YAML document stays within a budget once its aliases are expanded: every node
 * counts one, every scalar its length, and an alias counts again each time it is used. The loader
 * only limits aliases to collections; {@code *big} repeated 100,000 times is a scalar alias, and
 * the config's consumers (glob matching, id normalisation) would each pay for every copy.
 */
final class ExpandedSize {
  private ExpandedSize() {}

  /** True when {@code doc} expands to more than {@code budget}; stops counting as soon as it does. */
  static boolean exceeds(Object doc, long budget) {
    long used = 0;
    Deque<Object> todo = new ArrayDeque<>();
    todo.push(doc == null ? "" : doc);
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      used += 1 + (o instanceof Map<?, ?> || o instanceof Collection<?> ? 0 : String.valueOf(o).length());
      if (used > budget) {
        return true;
      }
      if (o instanceof Map<?, ?> m) {
        m.forEach((k, v) -> {
          todo.push(k == null ? "" : k);
          todo.push(v == null ? "" : v);
        });
      } else if (o instanceof Collection<?> c) {
        c.forEach(x -> todo.push(x == null ? "" : x));
      }
    }
    return false;
  }
}
