package dev.bulwark.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --exclude} patterns with .gitignore semantics: {@code *} and {@code ?} stay within a
 * path segment, {@code **} crosses segments, a leading {@code /} (or any inner slash) anchors
 * the pattern at the scan root, a trailing {@code /} matches directories only, {@code !}
 * re-includes, and the last matching pattern wins.
 */
public final class ExcludeMatcher {
  private record Entry(Pattern pattern, boolean negated, boolean dirOnly) {}

  private final List<Entry> entries;

  private ExcludeMatcher(List<Entry> entries) {
    this.entries = entries;
  }

  static ExcludeMatcher of(List<String> patterns) {
    List<Entry> out = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean negated = p.startsWith("!");
      if (negated) {
        p = p.substring(1);
      }
      boolean dirOnly = p.endsWith("/");
      if (dirOnly) {
        p = p.substring(0, p.length() - 1);
      }
      boolean anchored = p.startsWith("/") || p.substring(0, Math.max(0, p.length() - 1)).contains("/");
      if (p.startsWith("/")) {
        p = p.substring(1);
      }
      String regex = (anchored ? "^" : "^(?:.*/)?") + globToRegex(p) + "$";
      out.add(new Entry(Pattern.compile(regex), negated, dirOnly));
    }
    return new ExcludeMatcher(out);
  }

  /** True when {@code relativePath} (forward slashes, relative to the scan root) is excluded. */
  boolean excludes(String relativePath, boolean directory) {
    boolean excluded = false;
    for (Entry e : entries) {
      if (e.dirOnly() && !directory) {
        continue;
      }
      if (e.pattern().matcher(relativePath).matches()) {
        excluded = !e.negated();
      }
    }
    return excluded;
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
          sb.append(slashAfter ? "(?:.*/)?" : ".*");
          i += slashAfter ? 2 : 1;
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if (c == '\\' && i + 1 < glob.length()) {
        sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          sb.append("\\[");
        } else {
          String cls = glob.substring(i + 1, close).replace("\\", "\\\\");
          sb.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
          i = close;
        }
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
