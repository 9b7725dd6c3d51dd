package dev.bulwark.vuln.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A node-semver range ({@code ^1.2.3}, {@code ~1.2}, {@code 1.x}, {@code 1.2.3 - 2}, {@code >=1 <2 || 3}), desugared
 * exactly as node-semver does into sets of comparators: the range holds a version that satisfies every comparator of
 * one set. A pre-release version satisfies a set only when some comparator of that set names a pre-release of the same
 * {@code major.minor.patch}, unless {@code includePrerelease} is set.
 *
 * <p>Desugaring works, as in node-semver, by rewriting the text (hyphen ranges, then carets, tildes, x-ranges, stars)
 * and parsing the comparators that result; the rewrite rules are node-semver's. Ranges longer than
 * {@value #MAX_LENGTH} characters are rejected, to keep the regular expressions' work bounded.
 */
public final class NpmRange {
  static final int MAX_LENGTH = 8192;

  private final boolean loose;
  private final boolean includePrerelease;
  private final List<List<Comparator>> sets;

  /** One comparator: an operator ("" for equality) and a version, or {@code version == null} for any version. */
  record Comparator(String operator, NpmSemver.Parsed version) {
    String value() {
      return version == null ? "" : operator + version.format();
    }

    boolean test(NpmSemver.Parsed v) {
      if (version == null) return true;
      int c = NpmSemver.compare(v, version);
      return switch (operator) {
        case "" -> c == 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        default -> c <= 0; // "<="
      };
    }
  }

  private NpmRange(boolean loose, boolean includePrerelease, List<List<Comparator>> sets) {
    this.loose = loose;
    this.includePrerelease = includePrerelease;
    this.sets = sets;
  }

  /** Parses a range; throws {@link InvalidVersionException} where node-semver's {@code new Range} throws. */
  public static NpmRange parse(String range, boolean loose, boolean includePrerelease) {
    NpmRange r = parseOrNull(range, loose, includePrerelease);
    if (r == null) throw new InvalidVersionException("npm", range, "not a semver range");
    return r;
  }

  static NpmRange parseOrNull(String range, boolean loose, boolean includePrerelease) {
    if (range.length() > MAX_LENGTH) return null;
    String raw = String.join(" ", range.strip().split("\\s+", -1));
    List<List<Comparator>> sets = new ArrayList<>();
    for (String part : raw.split("\\|\\|", -1)) {
      List<Comparator> set = parseSet(part.strip(), loose, includePrerelease);
      if (set == null) return null;
      if (!set.isEmpty()) sets.add(set);
    }
    if (sets.isEmpty()) return null;
    if (sets.size() > 1) {
      List<Comparator> first = sets.get(0);
      sets.removeIf(s -> isNullSet(s.get(0)));
      if (sets.isEmpty()) {
        sets.add(first);
      } else if (sets.size() > 1) {
        for (List<Comparator> s : sets) {
          if (s.size() == 1 && s.get(0).value().isEmpty()) {
            sets = new ArrayList<>(List.of(s));
            break;
          }
        }
      }
    }
    return new NpmRange(loose, includePrerelease, sets);
  }

  private static boolean isNullSet(Comparator c) {
    return c.value().equals("<0.0.0-0");
  }

  /** One {@code ||} alternative: its comparators, empty when loose parsing dropped them all, null when invalid. */
  private static List<Comparator> parseSet(String range, boolean loose, boolean incPre) {
    range = NpmGrammar.BUILD_ANYWHERE.matcher(range).replaceAll("");
    Matcher h = (loose ? NpmGrammar.HYPHEN_LOOSE : NpmGrammar.HYPHEN).matcher(range);
    if (h.matches()) range = hyphen(h, incPre);
    range = NpmGrammar.COMPARATOR_TRIM.matcher(range).replaceAll(m -> quote(group(m, 1) + group(m, 2) + group(m, 3)));
    range = NpmGrammar.TILDE_TRIM.matcher(range).replaceAll(m -> quote(group(m, 1) + "~"));
    range = NpmGrammar.CARET_TRIM.matcher(range).replaceAll(m -> quote(group(m, 1) + "^"));
    List<String> rewritten = new ArrayList<>();
    for (String comp : range.split(" ", -1)) rewritten.add(desugar(comp, loose, incPre));
    Map<String, Comparator> unique = new LinkedHashMap<>();
    for (String comp : String.join(" ", rewritten).split("\\s+", -1)) {
      comp = comp.strip();
      if (NpmGrammar.matches(incPre ? NpmGrammar.GTE0_PRE : NpmGrammar.GTE0, comp)) comp = "";
      if (loose && !NpmGrammar.matches(NpmGrammar.COMPARATOR_LOOSE, comp)) continue;
      Comparator c = comparator(comp, loose);
      if (c == null) return null;
      if (isNullSet(c)) return List.of(c);
      unique.put(c.value(), c);
    }
    if (unique.size() > 1) unique.remove("");
    return new ArrayList<>(unique.values());
  }

  private static Comparator comparator(String comp, boolean loose) {
    comp = String.join(" ", comp.strip().split("\\s+", -1));
    Matcher m = (loose ? NpmGrammar.COMPARATOR_LOOSE : NpmGrammar.COMPARATOR).matcher(comp);
    if (!m.matches()) return null;
    String op = group(m, 1);
    if (op.equals("=")) op = "";
    if (m.group(2) == null || m.group(2).isEmpty()) return new Comparator(op, null);
    NpmSemver.Parsed v = NpmSemver.parseOrNull(m.group(2), loose);
    return v == null ? null : new Comparator(op, v);
  }

  /** Carets, tildes, x-ranges and stars of one space-free part become plain comparators. */
  private static String desugar(String comp, boolean loose, boolean incPre) {
    comp = NpmGrammar.BUILD_FIRST.matcher(comp).replaceFirst("");
    comp = eachWord(comp.strip(), c -> caret(c, loose, incPre));
    comp = eachWord(comp.strip(), c -> tilde(c, loose, incPre));
    comp = eachWord(comp, c -> xrange(c.strip(), loose, incPre));
    return NpmGrammar.STAR.matcher(comp.strip()).replaceFirst("");
  }

  private static String eachWord(String s, java.util.function.UnaryOperator<String> f) {
    String[] words = s.split("\\s+", -1);
    for (int i = 0; i < words.length; i++) words[i] = f.apply(words[i]);
    return String.join(" ", words);
  }

  private static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
  }

  /** JavaScript's {@code +n + 1} for a digit run of any length. */
  private static String plusOne(String n) {
    return new BigInteger(n).add(BigInteger.ONE).toString();
  }

  /** The x-range parts a caret or tilde matched; a missing part is null. */
  private record Parts(String major, String minor, String patch, String pre) {
    static Parts of(Matcher m) {
      return new Parts(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    boolean hasPre() {
      return pre != null && !pre.isEmpty();
    }

    /** The lower bound of a full version: itself, even with includePrerelease (unlike the x forms). */
    String full() {
      return ">=" + major + "." + minor + "." + patch + (hasPre() ? "-" + pre : "");
    }

    /** {@code ~1}, {@code ^1}, {@code ~1.x}: anything of that major. */
    String anyOfMajor(String z) {
      return ">=" + major + ".0.0" + z + " <" + plusOne(major) + ".0.0-0";
    }
  }

  private static String caret(String comp, boolean loose, boolean incPre) {
    Matcher m = (loose ? NpmGrammar.CARET_LOOSE : NpmGrammar.CARET).matcher(comp);
    if (!m.matches()) return comp;
    Parts p = Parts.of(m);
    String z = incPre ? "-0" : "";
    if (isX(p.major)) return "";
    if (isX(p.minor)) return p.anyOfMajor(z);
    boolean zeroMajor = p.major.equals("0");
    if (isX(p.patch)) {
      String upper = zeroMajor ? p.major + "." + plusOne(p.minor) + ".0-0" : plusOne(p.major) + ".0.0-0";
      return ">=" + p.major + "." + p.minor + ".0" + z + " <" + upper;
    }
    String upper;
    if (zeroMajor && p.minor.equals("0")) {
      upper = p.major + "." + p.minor + "." + plusOne(p.patch) + "-0";
    } else if (zeroMajor) {
      upper = p.major + "." + plusOne(p.minor) + ".0-0";
    } else {
      upper = plusOne(p.major) + ".0.0-0";
    }
    return p.full() + " <" + upper;
  }

  private static String tilde(String comp, boolean loose, boolean incPre) {
    Matcher m = (loose ? NpmGrammar.TILDE_LOOSE : NpmGrammar.TILDE).matcher(comp);
    if (!m.matches()) return comp;
    Parts p = Parts.of(m);
    String z = incPre ? "-0" : "";
    if (isX(p.major)) return "";
    if (isX(p.minor)) return p.anyOfMajor(z);
    String upper = " <" + p.major + "." + plusOne(p.minor) + ".0-0";
    if (isX(p.patch)) return ">=" + p.major + "." + p.minor + ".0" + z + upper;
    return p.full() + upper;
  }

  private static String xrange(String comp, boolean loose, boolean incPre) {
    Matcher m = (loose ? NpmGrammar.XRANGE_LOOSE : NpmGrammar.XRANGE).matcher(comp);
    if (!m.matches()) return comp;
    String gtlt = group(m, 1);
    String major = m.group(2);
    String minor = m.group(3);
    String patch = m.group(4);
    // an x before a number (x.1, 1.x.2) is left as it is, and fails as a comparator
    if ((isX(major) && !isX(minor)) || (isX(minor) && patch != null && !patch.isEmpty() && !isX(patch))) return comp;
    boolean xMajor = isX(major);
    boolean xMinor = xMajor || isX(minor);
    boolean anyX = xMinor || isX(patch);
    if (gtlt.equals("=") && anyX) gtlt = "";
    String pre = incPre ? "-0" : "";
    if (xMajor) return gtlt.equals(">") || gtlt.equals("<") ? "<0.0.0-0" : "*";
    if (!gtlt.isEmpty() && anyX) {
      if (xMinor) minor = "0";
      patch = "0";
      if (gtlt.equals(">")) {
        gtlt = ">=";
        if (xMinor) {
          major = plusOne(major);
        } else {
          minor = plusOne(minor);
        }
      } else if (gtlt.equals("<=")) {
        gtlt = "<";
        if (xMinor) {
          major = plusOne(major);
        } else {
          minor = plusOne(minor);
        }
      }
      if (gtlt.equals("<")) pre = "-0";
      return gtlt + major + "." + minor + "." + patch + pre;
    }
    if (xMinor) return ">=" + major + ".0.0" + pre + " <" + plusOne(major) + ".0.0-0";
    if (anyX) return ">=" + major + "." + minor + ".0" + pre + " <" + major + "." + plusOne(minor) + ".0-0";
    return comp;
  }

  private static String hyphen(Matcher h, boolean incPre) {
    String from = h.group(1);
    String fMajor = h.group(2);
    String fMinor = h.group(3);
    String fPatch = h.group(4);
    String fPre = h.group(5);
    String to = h.group(7);
    String tMajor = h.group(8);
    String tMinor = h.group(9);
    String tPatch = h.group(10);
    String tPre = h.group(11);
    String z = incPre ? "-0" : "";
    if (isX(fMajor)) {
      from = "";
    } else if (isX(fMinor)) {
      from = ">=" + fMajor + ".0.0" + z;
    } else if (isX(fPatch)) {
      from = ">=" + fMajor + "." + fMinor + ".0" + z;
    } else if (fPre != null && !fPre.isEmpty()) {
      from = ">=" + from;
    } else {
      from = ">=" + from + z;
    }
    if (isX(tMajor)) {
      to = "";
    } else if (isX(tMinor)) {
      to = "<" + plusOne(tMajor) + ".0.0-0";
    } else if (isX(tPatch)) {
      to = "<" + tMajor + "." + plusOne(tMinor) + ".0-0";
    } else if (tPre != null && !tPre.isEmpty()) {
      to = "<=" + tMajor + "." + tMinor + "." + tPatch + "-" + tPre;
    } else if (incPre) {
      to = "<" + tMajor + "." + tMinor + "." + plusOne(tPatch) + "-0";
    } else {
      to = "<=" + to;
    }
    return (from + " " + to).strip();
  }

  private static String group(java.util.regex.MatchResult m, int g) {
    String s = m.group(g);
    return s == null ? "" : s;
  }

  private static String quote(String s) {
    return Matcher.quoteReplacement(s);
  }

  /** Whether {@code version} (parsed with this range's looseness) satisfies the range; an invalid version does not. */
  public boolean test(String version) {
    if (version.isEmpty()) return false;
    NpmSemver.Parsed v = NpmSemver.parseOrNull(version, loose);
    if (v == null) return false;
    for (List<Comparator> set : sets) {
      if (testSet(set, v)) return true;
    }
    return false;
  }

  private boolean testSet(List<Comparator> set, NpmSemver.Parsed v) {
    for (Comparator c : set) {
      if (!c.test(v)) return false;
    }
    if (v.pre().isEmpty() || includePrerelease) return true;
    for (Comparator c : set) {
      NpmSemver.Parsed allowed = c.version();
      if (allowed != null && !allowed.pre().isEmpty() && allowed.major() == v.major() && allowed.minor() == v.minor()
          && allowed.patch() == v.patch()) {
        return true;
      }
    }
    return false;
  }
}
