package dev.bulwark.vuln.osv;

import java.util.List;

/**
 * One {@code affected[]} entry: a package of one ecosystem ({@code Debian:12} keeps its release) with its ranges and
 * explicit versions.
 *
 * @param purl the package URL the record gives, or null
 */
public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions) {
  public Affected {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }
}
