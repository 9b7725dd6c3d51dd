package dev.bulwark.dockerfile.shell;

import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.Map;

/**
 * A simple command as it will really run: wrappers such as {@code sudo}, {@code env},
 * {@code nice} or {@code exec} removed, the program name reduced to its base name
 * ({@code /usr/bin/apt-get} is {@code apt-get}), and {@code env} the variables set for it
 * (its own {@code VAR=x} prefixes and earlier {@code export}s in the same script). {@code words}
 * are the program's word then one per argument, for positions.
 */
public record Invocation(SimpleCommand command, String name, List<String> args, Map<String, String> env, boolean viaSudo, List<Word> words) {

  /** Where the command, from the program name to its last argument, was written. */
  public Span span() {
    return words.getFirst().span().to(words.getLast().span());
  }

  /** Where the program name was written. */
  public Span nameSpan() {
    return words.getFirst().span();
  }

  /** Where argument {@code index} was written. */
  public Span argSpan(int index) {
    return words.get(index + 1).span();
  }

  /** Where the first argument equal to {@code value} was written, or the command's span. */
  public Span argSpan(String value) {
    int i = args.indexOf(value);
    return i < 0 ? span() : argSpan(i);
  }

  /** Where the first argument {@link #hasFlag} matches was written, or the command's span. */
  public Span flagSpan(String... flags) {
    int i = indexOfFlag(flags);
    return i < 0 ? span() : argSpan(i);
  }

  /** True when any argument equals one of {@code flags}, or is a short-flag cluster holding it. */
  public boolean hasFlag(String... flags) {
    return indexOfFlag(flags) >= 0;
  }

  private int indexOfFlag(String... flags) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String f : flags) {
        if (a.equals(f) || isAssignmentTo(a, f)) {
          return i;
        }
        if (f.length() == 2 && f.charAt(0) == '-' && f.charAt(1) != '-' && a.length() > 2 && a.charAt(0) == '-'
            && a.charAt(1) != '-' && a.indexOf(f.charAt(1)) > 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** {@code --flag=value} for {@code flag}, without building the string {@code flag + "="} for every argument. */
  private static boolean isAssignmentTo(String arg, String flag) {
    return arg.length() > flag.length() && arg.charAt(flag.length()) == '=' && arg.startsWith(flag);
  }

  /** The argument after {@code flag} ({@code -o value}) or the part after {@code flag=}. */
  public String flagValue(String... flags) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String f : flags) {
        if (a.equals(f) && i + 1 < args.size()) {
          return args.get(i + 1);
        }
        if (isAssignmentTo(a, f)) {
          return a.substring(f.length() + 1);
        }
      }
    }
    return null;
  }
}
