package dev.bulwark.scan;

import dev.bulwark.core.glob.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --exclude} patterns with .gitignore semantics: {@code *} and {@code ?} stay within a
 * path segment, {@code **} crosses segments, a leading {@code /} (or any inner slash) anchors
 * the pattern at the scan root, a trailing {@code /} matches directories only, {@code !}
 * re-includes, and the last matching pattern wins. Matched with {@link Glob}: linear in the path,
 * whatever the pattern.
 */
public final class ExcludeMatcher {
  private record Entry(Glob pattern, boolean negated, boolean dirOnly) {}

  private final List<Entry> entries;

  private ExcludeMatcher(List<Entry> entries) {
    this.entries = entries;
  }

  /** @throws Glob.SyntaxException naming the pattern, when one cannot be compiled (an empty {@code []}, say) */
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
      try {
        out.add(new Entry(Glob.ofRegex(regex), negated, dirOnly));
      } catch (Glob.SyntaxException e) {
        throw new Glob.SyntaxException("exclude pattern '" + raw + "': " + e.getMessage());
      }
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
      if (e.pattern().matches(relativePath)) {
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
          sb.append(Glob.IN_SEGMENT);
        }
      } else if (c == '?') {
        sb.append(Glob.ONE_IN_SEGMENT);
      } else if (c == '\\' && i + 1 < glob.length()) {
        sb.append(Glob.literal(glob.charAt(++i)));
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
        sb.append(Glob.literal(c));
      }
    }
    return sb.toString();
  }
}
