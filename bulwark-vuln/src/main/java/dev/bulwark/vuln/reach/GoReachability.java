package dev.bulwark.vuln.reach;

import dev.bulwark.vuln.osv.Affected;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a Go binary holds a vulnerability's code, as govulncheck judges it in binary mode: the Go vulnerability
 * database names, per record, the packages and functions the vulnerable code is in ({@code ecosystem_specific.imports});
 * a binary whose symbol table has none of them was linked without that code, whatever version of the module it lists.
 * Pure: it takes what the binary holds and the record's import list, and returns a verdict.
 *
 * <p>Per import entry: one limited to platforms ({@code goos}/{@code goarch}) other than the binary's does not apply;
 * one without symbols applies when any function of the package is in the binary; otherwise when any of its symbols
 * is. No entry (a GHSA-only record, an old record) means nothing is known: the finding stands.
 */
public final class GoReachability {
  private GoReachability() {}

  /** What a binary holds, as far as the verdict needs it. */
  public interface Binary {
    /** Whether any function of the package with this import path is in the binary. */
    boolean containsPackage(String importPath);

    /** Whether {@code symbol} ({@code Func} or {@code Type.Method}) of the package is in the binary. */
    boolean contains(String importPath, String symbol);

    /** The binary's GOOS from its build settings, or null when it does not say. */
    String goos();

    /** The binary's GOARCH, or null. */
    String goarch();
  }

  /** The verdict for one binary. */
  public sealed interface Verdict {
    /** The vulnerable code is in the binary; {@code evidence} names what was found ({@code net/http.Server.Serve}). */
    record Present(List<String> evidence) implements Verdict {}

    /** None of it is: {@code detail} says what was looked for. */
    record NotPresent(String detail) implements Verdict {}

    /** Nothing to judge by (no import list in the record). */
    record Unknown(String why) implements Verdict {}
  }

  /** How many names a detail lists before "and N more". */
  static final int SHOWN = 4;

  public static Verdict judge(List<Affected.Import> imports, Binary binary) {
    if (imports.isEmpty()) {
      return new Verdict.Unknown("the advisory names no vulnerable packages or symbols");
    }
    List<String> evidence = new ArrayList<>();
    List<String> lookedFor = new ArrayList<>();
    List<String> otherPlatforms = new ArrayList<>();
    for (Affected.Import i : imports) {
      if (!applies(i.goos(), binary.goos()) || !applies(i.goarch(), binary.goarch())) {
        otherPlatforms.add(i.path());
        continue;
      }
      if (i.symbols().isEmpty()) {
        lookedFor.add("package " + i.path());
        if (binary.containsPackage(i.path())) {
          evidence.add("package " + i.path());
        }
        continue;
      }
      for (String s : i.symbols()) {
        lookedFor.add(i.path() + "." + s);
        if (binary.contains(i.path(), s)) {
          evidence.add(i.path() + "." + s);
        }
      }
    }
    if (!evidence.isEmpty()) {
      return new Verdict.Present(List.copyOf(evidence));
    }
    StringBuilder d = new StringBuilder();
    if (!lookedFor.isEmpty()) {
      d.append(lookedFor.size() == 1 ? lookedFor.get(0) + " is not" : "none of " + list(lookedFor) + " is").append(" in the binary");
    }
    if (!otherPlatforms.isEmpty()) {
      if (d.length() > 0) d.append("; ");
      d.append("the code in ").append(list(otherPlatforms)).append(" is built only for other platforms than ")
          .append(binary.goos() == null ? "?" : binary.goos()).append('/').append(binary.goarch() == null ? "?" : binary.goarch());
    }
    return new Verdict.NotPresent(d.toString());
  }

  /** An entry limited to {@code platforms} applies to a binary built for {@code actual} (unknown: it may). */
  private static boolean applies(List<String> platforms, String actual) {
    return platforms.isEmpty() || actual == null || platforms.contains(actual);
  }

  private static String list(List<String> names) {
    if (names.size() <= SHOWN) return String.join(", ", names);
    return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
  }
}
