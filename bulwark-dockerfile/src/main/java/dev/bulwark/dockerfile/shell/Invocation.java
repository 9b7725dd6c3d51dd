package dev.bulwark.dockerfile.shell;

import java.util.List;
import java.util.Map;

/**
 * A simple command as it will really run: wrappers such as {@code sudo}, {@code env},
 * {@code nice} or {@code exec} removed, the program name reduced to its base name
 * ({@code /usr/bin/apt-get} is {@code apt-get}), and {@code env} the variables set for it
 * (its own {@code VAR=x} prefixes and earlier {@code export}s in the same script).
 */
public record Invocation(SimpleCommand command, String name, List<String> args, Map<String, String> env, boolean viaSudo) {

  /** True when any argument equals one of {@code flags}, or is a short-flag cluster holding it. */
  public boolean hasFlag(String... flags) {
    for (String a : args) {
      for (String f : flags) {
        if (a.equals(f) || (a.startsWith(f + "="))) {
          return true;
        }
        if (f.length() == 2 && f.charAt(0) == '-' && f.charAt(1) != '-' && a.length() > 2 && a.charAt(0) == '-'
            && a.charAt(1) != '-' && a.indexOf(f.charAt(1)) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The argument after {@code flag} ({@code -o value}) or the part after {@code flag=}. */
  public String flagValue(String... flags) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String f : flags) {
        if (a.equals(f) && i + 1 < args.size()) {
          return args.get(i + 1);
        }
        if (a.startsWith(f + "=")) {
          return a.substring(f.length() + 1);
        }
      }
    }
    return null;
  }
}
