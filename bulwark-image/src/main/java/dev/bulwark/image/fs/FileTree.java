package dev.bulwark.image.fs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The image's merged filesystem after all layers and their whiteouts, as metadata only, plus the
 * contents of the small files analysis needs (package databases, os-release). Paths are
 * relative to the image root; symlinks resolve inside the root, as they would in a container.
 */
public final class FileTree {
  /**
   * Every entry by path, hashed: a layer of a million entries put into a sorted map spent most of
   * its time in the tree's cache-missing descents. The sorted view, needed only to walk what is
   * under a directory (a whiteout, an opaque marker, a file replacing a directory), is built once
   * when first needed, in key order, and kept in step after that.
   */
  private final Map<String, FileEntry> entries = new HashMap<>();
  private TreeMap<String, FileEntry> sorted;
  /** Every directory that has or had something under it (or was an entry): only these can have children to clear. */
  private final Set<String> dirs = new HashSet<>();
  private final Map<String, byte[]> contents = new TreeMap<>();
  /** Files analysis wanted but whose content was not kept, with the reason in words (a limit). */
  private final Map<String, String> uncaptured = new TreeMap<>();
  /**
   * Directories whose children were already walked to clear lower layers' entries in
   * {@link #clearedLayer}, by whiteout (true) or opaque marker (false): clearing twice finds nothing more.
   */
  private final Map<String, Boolean> cleared = new java.util.HashMap<>();
  private int clearedLayer = -1;
  /**
   * The layer being read and at most how many entries lower layers left in the tree: when none
   * are left (the first layer, or every lower file replaced), a whiteout has nothing to clear, and
   * each of a layer's million entries need not look for lower files under its path.
   */
  private int readingLayer = -1;
  private int lowerLeft;

  /** A tree from given entries and captured contents (for analysis of images described by value). */
  public static FileTree of(Collection<FileEntry> entries, Map<String, byte[]> contents) {
    FileTree t = new FileTree();
    for (FileEntry e : entries) {
      t.put(e, contents.get(e.path()));
    }
    return t;
  }

  void put(FileEntry e, byte[] content) {
    uncaptured.remove(e.path());
    if (entries.put(e.path(), e) == null) {
      addDirs(e);
    }
    if (sorted != null) {
      sorted.put(e.path(), e);
    }
    if (content != null) {
      contents.put(e.path(), content);
    } else {
      contents.remove(e.path());
    }
  }

  private void addDirs(FileEntry e) {
    String p = e.path();
    if (e.type() == FileEntry.Type.DIRECTORY && !dirs.add(p)) {
      return;
    }
    for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
      if (!dirs.add(p.substring(0, slash))) {
        return; // its ancestors were added with it
      }
    }
  }

  /** The entries in path order (built on first use: most layers never walk a directory). */
  private TreeMap<String, FileEntry> sorted() {
    if (sorted == null) {
      String[] keys = entries.keySet().toArray(String[]::new);
      java.util.Arrays.sort(keys);
      sorted = new TreeMap<>();
      for (String k : keys) {
        sorted.put(k, entries.get(k)); // ascending: each put descends the hot right spine
      }
    }
    return sorted;
  }

  /** Puts a file whose content analysis wanted but a limit kept out; {@link #uncaptured} says why. */
  void putUncaptured(FileEntry e, String reason) {
    put(e, null);
    uncaptured.put(e.path(), reason);
  }

  /** Marks a file already put as one whose packages a limit kept out. */
  void markUncaptured(String path, String reason) {
    uncaptured.put(path, reason);
  }

  /** The reason a wanted file's content was not kept, for files still in the tree, by path. */
  public Map<String, String> uncaptured() {
    return Collections.unmodifiableMap(uncaptured);
  }

  /** Called before the entries of each layer, in order. */
  void startLayer(int layer) {
    readingLayer = layer;
    lowerLeft = entries.size();
  }

  /** Removes {@code path} and everything under it that lower layers (index below {@code layer}) wrote. */
  void whiteout(String path, int layer) {
    removeLower(path, layer, true);
  }

  /** Removes what lower layers put inside {@code dir}, keeping {@code dir} itself. */
  void opaque(String dir, int layer) {
    removeLower(dir, layer, false);
  }

  private void removeLower(String path, int layer, boolean includeSelf) {
    if (layer == readingLayer && lowerLeft == 0) {
      return;
    }
    // A layer may name the same path again and again (each entry replaces what lower layers had
    // there): once cleared, nothing lower is left under it, so a repeat must not walk it again.
    if (layer != clearedLayer) {
      cleared.clear();
      clearedLayer = layer;
    }
    Boolean done = cleared.get(path);
    if (done != null && (done || !includeSelf)) {
      return;
    }
    List<String> doomed = new ArrayList<>();
    FileEntry self = includeSelf ? entries.get(path) : null;
    if (self != null && self.layer() < layer) {
      doomed.add(path);
    }
    String prefix = path.isEmpty() ? "" : path + "/";
    int walked = 0;
    var under = path.isEmpty() || dirs.contains(path) ? sorted().tailMap(prefix, true).entrySet() : Set.<Map.Entry<String, FileEntry>>of();
    for (var e : under) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      walked++;
      if (e.getValue().layer() < layer) {
        doomed.add(e.getKey());
      }
    }
    if (walked > 16) {
      cleared.put(path, includeSelf); // only walks worth remembering: most paths have no children
    }
    if (layer == readingLayer) {
      lowerLeft -= doomed.size();
    }
    for (String d : doomed) {
      entries.remove(d);
      if (sorted != null) {
        sorted.remove(d);
      }
      contents.remove(d);
      uncaptured.remove(d);
    }
  }

  /**
   * Every entry, in no particular order (the checks that list files sort what they list): sorting a
   * million paths for every {@code bulwark image} cost seconds.
   */
  public Collection<FileEntry> entries() {
    return Collections.unmodifiableCollection(entries.values());
  }

  public Optional<FileEntry> get(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  /** Follows symlinks (at most 40) inside the root; {@code ..} at the root stays at the root. */
  public Optional<FileEntry> resolve(String path) {
    String p = clamp(path);
    for (int hops = 0; hops < 40; hops++) {
      FileEntry e = entries.get(p);
      if (e == null) {
        // a symlinked directory somewhere up the path
        String parent = p;
        FileEntry link = null;
        while (parent.contains("/")) {
          parent = parent.substring(0, parent.lastIndexOf('/'));
          FileEntry pe = entries.get(parent);
          if (pe != null && pe.type() == FileEntry.Type.SYMLINK) {
            link = pe;
            break;
          }
        }
        if (link == null) {
          return Optional.empty();
        }
        p = clamp(target(link) + p.substring(parent.length()));
        continue;
      }
      if (e.type() != FileEntry.Type.SYMLINK) {
        return Optional.of(e);
      }
      p = clamp(target(e));
    }
    return Optional.empty();
  }

  private static String target(FileEntry link) {
    String t = link.linkTarget();
    if (t.startsWith("/")) {
      return t;
    }
    String dir = link.path().contains("/") ? link.path().substring(0, link.path().lastIndexOf('/')) : "";
    return dir + "/" + t;
  }

  /** The content of a captured file, following symlinks. */
  public Optional<byte[]> content(String path) {
    return resolve(path).map(e -> contents.get(e.path()));
  }

  /** Paths of every captured file, sorted. */
  public List<String> captured() {
    return List.copyOf(contents.keySet());
  }

  /** Paths of captured files under {@code dir} (not following links). */
  public List<String> capturedUnder(String dir) {
    List<String> out = new ArrayList<>();
    for (String p : contents.keySet()) {
      if (p.startsWith(dir + "/")) {
        out.add(p);
      }
    }
    return out;
  }

  /** Normalizes inside the root: leading slashes dropped, {@code ..} never climbs above the root. */
  static String clamp(String path) {
    return dev.bulwark.core.path.UnixPaths.clamp(path);
  }
}
