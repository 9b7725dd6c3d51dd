package dev.bulwark.vuln.osv;

import java.util.List;

/**
 * One {@code affected[]} entry: a package of one ecosystem ({@code Debian:12} keeps its release) with its ranges and
 * explicit versions.
 *
 * @param purl the package URL the record gives, or null
 * @param note a distribution's own state for this release that a match should carry ({@code no-dsa},
 *     {@code postponed}, {@code ignored}, {@code end-of-life}, {@code undetermined}), or null; OSV records have none
 * @param vendorSeverity the distribution's own rating for this release (Debian's urgency: {@code unimportant},
 *     {@code low}, {@code medium}, {@code high}), or null
 * @param imports the Go vulnerability database's {@code ecosystem_specific.imports}: which packages of the module,
 *     and which of their symbols, hold the vulnerable code (empty: not known, the whole module counts)
 */
public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions, String note,
    String vendorSeverity, List<Import> imports) {
  public Affected {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
    imports = imports == null ? List.of() : List.copyOf(imports);
  }

  /** With a distribution's state and rating, and no Go import list. */
  public Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions, String note, String vendorSeverity) {
    this(ecosystem, name, purl, ranges, versions, note, vendorSeverity, List.of());
  }

  /**
   * One package of a Go module with vulnerable code: its import path, the vulnerable functions and methods
   * ({@code Func}, {@code Type.Method}; empty: the whole package), and the platforms the code is built for (empty:
   * every one).
   */
  public record Import(String path, List<String> symbols, List<String> goos, List<String> goarch) {
    public Import {
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
      goos = goos == null ? List.of() : List.copyOf(goos);
      goarch = goarch == null ? List.of() : List.copyOf(goarch);
    }
  }

  /** An OSV entry: no distribution state. */
  public Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions) {
    this(ecosystem, name, purl, ranges, versions, null, null);
  }
}
