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
 */
public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions, String note,
    String vendorSeverity) {
  public Affected {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }

  /** An OSV entry: no distribution state. */
  public Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions) {
    this(ecosystem, name, purl, ranges, versions, null, null);
  }
}
