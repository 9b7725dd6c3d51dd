package dev.bulwark.lint.context;

import java.util.List;

/**
 * What the build would send: the files of the context directory (relative, '/'-separated;
 * directories end with '/'), the ignore file that applies (null when there is none), and
 * whether the listing was cut at its bound.
 */
public record BuildContext(String ignoreFile, DockerIgnore ignore, List<String> entries, boolean truncated) {

  /** The entries Docker would send (not excluded by the ignore file). */
  public List<String> sent() {
    if (ignore == null) {
      return entries;
    }
    return entries.stream().filter(e -> !ignore.excludes(e.endsWith("/") ? e.substring(0, e.length() - 1) : e)).toList();
  }

  public boolean excludes(String path) {
    return ignore != null && ignore.excludes(path);
  }
}
