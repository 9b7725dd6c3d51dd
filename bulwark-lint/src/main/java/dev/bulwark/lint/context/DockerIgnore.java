package dev.bulwark.lint.context;

import dev.bulwark.core.glob.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore} file read and matched with Docker's semantics (moby/patternmatcher
 * and its ignorefile reader, re-expressed): {@code #} comment lines, trimmed patterns, a
 * leading {@code /} dropped, paths cleaned, {@code !} re-includes, the last matching pattern
 * wins, {@code *} and {@code ?} stay within a path segment, {@code **} spans segments, and a
 * pattern that matches a directory excludes everything under it. Patterns compile to the same
 * regular expressions as Docker's and match with the same kind of engine (an automaton, see
 * {@link Glob}), so no pattern can make matching backtrack.
 */
public final class DockerIgnore {
  private record Rule(String pattern, boolean exclusion, Glob regex, Kind kind) {}

  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEX
  }

  private final List<Rule> rules;
  private final List<String> problems;

  private DockerIgnore(List<Rule> rules, List<String> problems) {
    this.rules = rules;
    this.problems = problems;
  }

  public static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      if (line.startsWith("#")) {
        continue;
      }
      String p = line.strip();
      if (p.isEmpty()) {
        continue;
      }
      boolean invert = p.charAt(0) == '!';
      if (invert) {
        p = p.substring(1).strip();
        if (p.isEmpty()) {
          problems.add("line " + (i + 1) + ": illegal exclusion pattern \"!\"");
          continue;
        }
      }
      p = clean(p);
      if (p.length() > 1 && p.charAt(0) == '/') {
        p = p.substring(1);
      }
      try {
        rules.add(compile(p, invert));
      } catch (Glob.SyntaxException e) {
        problems.add("line " + (i + 1) + ": bad pattern \"" + p + "\"");
      }
    }
    return new DockerIgnore(List.copyOf(rules), List.copyOf(problems));
  }

  /** Lines that Docker would refuse (the build fails on them). */
  public List<String> problems() {
    return problems;
  }

  public List<String> patterns() {
    return rules.stream().map(r -> (r.exclusion() ? "!" : "") + r.pattern()).toList();
  }

  /** True when {@code path} (relative to the context, with '/') is not sent to the builder. */
  public boolean excludes(String path) {
    String file = clean(path);
    if (file.equals(".")) {
      return false;
    }
    int slash = file.lastIndexOf('/');
    String parent = slash < 0 ? "." : file.substring(0, slash);
    String[] parentDirs = parent.split("/");
    boolean matched = false;
    for (Rule r : rules) {
      if (r.exclusion() != matched) {
        continue;
      }
      boolean match = matches(r, file);
      if (!match && !parent.equals(".")) {
        StringBuilder prefix = new StringBuilder();
        for (String dir : parentDirs) {
          if (!prefix.isEmpty()) {
            prefix.append('/');
          }
          prefix.append(dir);
          if (matches(r, prefix.toString())) {
            match = true;
            break;
          }
        }
      }
      if (match) {
        matched = !r.exclusion();
      }
    }
    return matched;
  }

  private static boolean matches(Rule r, String path) {
    return switch (r.kind()) {
      case EXACT -> path.equals(r.pattern());
      case PREFIX -> path.startsWith(r.pattern().substring(0, r.pattern().length() - 2));
      case SUFFIX -> {
        String suffix = r.pattern().substring(2);
        yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
      }
      case REGEX -> r.regex().matches(path);
    };
  }

  private static Rule compile(String pattern, boolean exclusion) {
    StringBuilder re = new StringBuilder("^");
    Kind kind = Kind.EXACT;
    int i = 0;
    int n = pattern.length();
    for (int idx = 0; i < n; idx++) {
      char ch = pattern.charAt(i++);
      if (ch == '*') {
        if (i < n && pattern.charAt(i) == '*') {
          i++;
          if (i < n && pattern.charAt(i) == '/') {
            i++;
          }
          if (i >= n) {
            if (kind == Kind.EXACT) {
              kind = Kind.PREFIX;
            } else {
              re.append(".*");
              kind = Kind.REGEX;
            }
          } else {
            re.append("(.*/)?");
            kind = Kind.REGEX;
          }
          if (idx == 0) {
            kind = Kind.SUFFIX;
          }
        } else {
          re.append("[^/]*");
          kind = Kind.REGEX;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        kind = Kind.REGEX;
      } else if (".+()|{}$^".indexOf(ch) >= 0) {
        re.append('\\').append(ch);
      } else if (ch == '\\') {
        if (i < n) {
          re.append('\\').append(pattern.charAt(i++));
          kind = Kind.REGEX;
        } else {
          re.append("\\\\");
        }
      } else if (ch == '[' || ch == ']') {
        re.append(ch);
        kind = Kind.REGEX;
      } else {
        re.append(ch);
      }
    }
    Glob compiled = null;
    if (kind == Kind.REGEX) {
      compiled = Glob.ofRegex(re.append('$').toString());
    }
    return new Rule(pattern, exclusion, compiled, kind);
  }

  /** Go's filepath.Clean for slash paths. */
  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty() && !out.getLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.add("..");
        }
      } else {
        out.add(seg);
      }
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
