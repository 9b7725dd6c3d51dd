package dev.bulwark.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which findings a target's own pragmas silence. */
@FunctionalInterface
public interface Suppressions {

  Suppressions NONE = f -> false;

  boolean suppresses(Finding f);

  /**
   * The ids of a pragma's list ({@code BW-D001,DL3008 DS002}), upper-cased and with Trivy's spellings
   * normalised, as every target's pragmas read them.
   */
  static java.util.Set<String> ids(String list) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String s : list.split("[,\\s]+")) {
      if (!s.isBlank()) {
        out.add(normalizeTrivy(s.strip().toUpperCase(Locale.ROOT)));
      }
    }
    return out;
  }

  /** True when {@code f} answers to one of {@code ids} (its rule id or an alias). */
  static boolean anyOf(java.util.Collection<String> ids, Finding f) {
    for (String id : ids) {
      if (f.answersTo(id)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Trivy writes AVD-DS-0002, DS-0002 or DS002 for the same check; aliases use DS002. A number too
   * long to be a Trivy check is no check of ours and stays as written (it once overflowed parseInt).
   */
  static String normalizeTrivy(String id) {
    String s = id.toUpperCase(Locale.ROOT);
    if (s.startsWith("AVD-")) {
      s = s.substring(4);
    }
    Matcher m = TrivyIds.NUMBERED.matcher(s);
    return m.matches() ? String.format("DS%03d", Integer.parseInt(m.group(1))) : s;
  }

  /** Holds the compiled pattern (interfaces cannot have private static fields). */
  final class TrivyIds {
    private static final Pattern NUMBERED = Pattern.compile("^DS-?0*(\\d{1,4})$");

    private TrivyIds() {}
  }
}
