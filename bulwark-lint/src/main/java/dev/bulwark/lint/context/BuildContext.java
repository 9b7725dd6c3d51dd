package dev.bulwark.lint.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
  private final FutureTask<List<String>> sent = new FutureTask<>(this::filterSent);
  private final ConcurrentHashMap<Derived<?>, FutureTask<?>> derived = new ConcurrentHashMap<>();

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
    return ignore == null ? entries : once(sent);
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

  /**
   * The value {@code d} derives from this context, computed on first use and then shared. Computed
   * once: a thread that asks while another computes it waits for that value rather than computing
   * its own (in a directory of thousands of Dockerfiles both threads of a scan asked at once, and
   * each spent its first ~300 ms, still interpreted, on the same filtering).
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Derived<T> d) {
    FutureTask<?> task = derived.get(d);
    if (task == null) {
      FutureTask<T> mine = new FutureTask<>(() -> d.compute(this));
      task = derived.putIfAbsent(d, mine); // the map only holds tasks: a compute that asks for another value cannot deadlock it
      if (task == null) {
        task = mine;
      }
    }
    return (T) once(task);
  }

  /** Runs {@code task} if no thread has, then waits for its value; what it threw is thrown again. */
  private static <T> T once(FutureTask<T> task) {
    task.run(); // a no-op once it ran or while another thread runs it
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a build context value", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Something a rule derives from a context alone (never from the Dockerfile), so it can be computed
   * once per context; one instance per kind of value (compared by identity). Must not return null.
   */
  public abstract static class Derived<T> {
    protected abstract T compute(BuildContext context);
  }
}
