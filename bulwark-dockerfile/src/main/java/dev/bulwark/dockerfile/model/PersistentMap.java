package dev.bulwark.dockerfile.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable string map whose {@link #with} shares everything but one path with the original (a
 * 32-way hash trie). Every build step keeps a snapshot of ENV and ARG: with plain copies, 20,000
 * ENV lines cost 20,000² entries; here each snapshot costs a few small arrays.
 */
final class PersistentMap extends AbstractMap<String, String> {
  static final PersistentMap EMPTY = new PersistentMap(null, 0);

  private static final int BITS = 5;
  private static final int WIDTH = 1 << BITS;

  /** A slot holds null, an {@link Entry}, a branch ({@code Object[WIDTH]}) or, past 32 hash bits, a {@link Collision}. */
  private final Object root;
  private final int size;

  private PersistentMap(Object root, int size) {
    this.root = root;
    this.size = size;
  }

  private record Entry(String key, String value) {}

  private record Collision(List<Entry> entries) {}

  /** This map with {@code key} bound to {@code value}. */
  PersistentMap with(String key, String value) {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
    boolean[] added = new boolean[1];
    Object r = put(root, 0, key.hashCode(), new Entry(key, value), added);
    return r == root ? this : new PersistentMap(r, added[0] ? size + 1 : size);
  }

  private static Object put(Object node, int shift, int hash, Entry e, boolean[] added) {
    if (node == null) {
      added[0] = true;
      return e;
    }
    if (node instanceof Entry old) {
      if (old.key().equals(e.key())) {
        return old.value().equals(e.value()) ? old : e;
      }
      if (shift >= Integer.SIZE) {
        added[0] = true;
        return new Collision(List.of(old, e));
      }
      Object[] branch = new Object[WIDTH];
      branch[slot(old.key().hashCode(), shift)] = old;
      return put(branch, shift, hash, e, added);
    }
    if (node instanceof Collision c) {
      List<Entry> entries = new ArrayList<>(c.entries());
      entries.removeIf(x -> x.key().equals(e.key()));
      added[0] = entries.size() == c.entries().size();
      entries.add(e);
      return new Collision(List.copyOf(entries));
    }
    Object[] branch = ((Object[]) node).clone();
    int i = slot(hash, shift);
    branch[i] = put(branch[i], shift + BITS, hash, e, added);
    return branch;
  }

  private static int slot(int hash, int shift) {
    return (hash >>> shift) & (WIDTH - 1);
  }

  private Entry find(Object key) {
    if (!(key instanceof String k)) {
      return null;
    }
    int hash = k.hashCode();
    Object node = root;
    for (int shift = 0; node != null; shift += BITS) {
      if (node instanceof Entry e) {
        return e.key().equals(k) ? e : null;
      }
      if (node instanceof Collision c) {
        for (Entry e : c.entries()) {
          if (e.key().equals(k)) {
            return e;
          }
        }
        return null;
      }
      node = ((Object[]) node)[slot(hash, shift)];
    }
    return null;
  }

  @Override
  public String get(Object key) {
    Entry e = find(key);
    return e == null ? null : e.value();
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) != null;
  }

  @Override
  public String getOrDefault(Object key, String defaultValue) {
    Entry e = find(key);
    return e == null ? defaultValue : e.value();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        List<Map.Entry<String, String>> out = new ArrayList<>(size);
        collect(root, out);
        return out.iterator();
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private static void collect(Object node, List<Map.Entry<String, String>> out) {
    if (node instanceof Entry e) {
      out.add(Map.entry(e.key(), e.value()));
    } else if (node instanceof Collision c) {
      for (Entry e : c.entries()) {
        out.add(Map.entry(e.key(), e.value()));
      }
    } else if (node instanceof Object[] branch) {
      for (Object child : branch) {
        collect(child, out);
      }
    }
  }
}
