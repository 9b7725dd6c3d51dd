package dev.bulwark.lint.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the build would send: the files of the context directory (relative, '/'-separated;
 * directories end with '/'), the ignore file that applies (null when there is none), and
 * whether the listing was cut at its bound.
 *
 * <p>One context is shared by every Dockerfile of its directory that copies all of it (a directory
 * of thousands of Dockerfiles is one context), so what is derived from it alone — the entries
 * sent, a rule's verdict on them — is computed once per context, not once per Dockerfile: per
 * Dockerfile it was quadratic in such a directory.
 */
public final class BuildContext {
  private final String ignoreFile;
  private final DockerIgnore ignore;
  private final List<String> entries;
  private final boolean truncated;
  private final String assumed;
  private final String ignoreElsewhere;
  private volatile List<String> sent;
  private final ConcurrentHashMap<Derived<?>, Object> derived = new ConcurrentHashMap<>();

  public BuildContext(String ignoreFile, DockerIgnore ignore, List<String> entries, boolean truncated) {
    this(ignoreFile, ignore, entries, truncated, null, null);
  }

  /**
   * {@code assumed} says which directory was taken as the context and why (null: not known, the
   * caller listed what it was given); {@code ignoreElsewhere} is a .dockerignore of an ancestor that
   * would apply instead when nothing pinned the context to this directory (null: none).
   */
  public BuildContext(String ignoreFile, DockerIgnore ignore, List<String> entries, boolean truncated, String assumed,
      String ignoreElsewhere) {
    this.ignoreFile = ignoreFile;
    this.ignore = ignore;
    this.entries = List.copyOf(entries);
    this.truncated = truncated;
    this.assumed = assumed;
    this.ignoreElsewhere = ignoreElsewhere;
  }

  /** Which directory was taken as the build context and why, for messages; null when not known. */
  public String assumed() {
    return assumed;
  }

  /**
   * A .dockerignore in an ancestor directory that applies if the build runs from there, when
   * nothing the scan saw (a Compose file, the Dockerfile's own COPY sources) pins the context to
   * the directory assumed; null when there is none or the context is pinned.
   */
  public String ignoreElsewhere() {
    return ignoreElsewhere;
  }

  /** The ignore file that applies, as a path to show, or null when there is none. */
  public String ignoreFile() {
    return ignoreFile;
  }

  /** The parsed ignore file, or null when there is none. */
  public DockerIgnore ignore() {
    return ignore;
  }

  /** Every entry of the context directory, excluded or not. */
  public List<String> entries() {
    return entries;
  }

  public boolean truncated() {
    return truncated;
  }

  /** The entries Docker would send (not excluded by the ignore file), computed once. */
  public List<String> sent() {
    List<String> known = sent;
    if (known == null) {
      known = ignore == null ? entries : filterSent();
      sent = known; // two threads racing compute the same list; either is kept
    }
    return known;
  }

  private List<String> filterSent() {
    List<String> out = new ArrayList<>();
    for (String e : entries) {
      if (!ignore.excludes(e.endsWith("/") ? e.substring(0, e.length() - 1) : e)) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  public boolean excludes(String path) {
    return ignore != null && ignore.excludes(path);
  }

  /** The value {@code d} derives from this context, computed on first use and then shared. */
  @SuppressWarnings("unchecked")
  public <T> T get(Derived<T> d) {
    Object known = derived.get(d);
    if (known == null) {
      known = d.compute(this); // outside the map: a racing thread computes the same value
      Object first = derived.putIfAbsent(d, known);
      if (first != null) {
        known = first;
      }
    }
    return (T) known;
  }

  /**
   * Something a rule derives from a context alone (never from the Dockerfile), so it can be computed
   * once per context; one instance per kind of value (compared by identity). Must not return null.
   */
  public abstract static class Derived<T> {
    protected abstract T compute(BuildContext context);
  }
}
